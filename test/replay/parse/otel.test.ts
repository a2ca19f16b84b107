import { describe, expect, it } from 'vitest';
import { otelSearchId } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import { otelEvents, otelQuery, otelResults } from '../../../src/replay/parse/otel.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';
import { otelArtifacts, otelEvent, otelFailure, otelOutput } from './otel-fixture.js';

const ctxOf = (byQuery: Record<string, ArtifactInput>) => createContext(bundleFrom(otelArtifacts(byQuery)));

describe('otel search parsing', () => {
  it('reads the events of a successful search with their index lines', () => {
    const started = otelEvent(30, 'daemon.started', { id: 'ev-started' });
    const ctx = ctxOf({ gateway: otelOutput('gateway', [started]) });
    const r = otelQuery(ctx, otelSearchId('gateway'));
    expect(r).toMatchObject({ status: 'ok', found: 1, query: 'gateway' });
    const e = r.events[0]!;
    expect([e.id, e.component, e.action, e.level, e.success]).toEqual(['ev-started', 'daemon', 'daemon.started', 'info', true]);
    expect(ctx.lines(otelSearchId('gateway'))?.[e.line! - 1]).toContain('"id": "ev-started"');
  });

  it('dedupes an event found by several queries and sorts all events by time', () => {
    const swap = otelEvent(20, 'model_fallback.swapped', { id: 'ev-swap', component: 'daemon.fallback', level: 'warn' });
    const early = otelEvent(50, 'daemon.started', { id: 'ev-early' });
    const late = otelEvent(5, 'model_fallback.primary_restored', { id: 'ev-late', component: 'daemon.fallback' });
    const ctx = ctxOf({
      gateway: otelOutput('gateway', [late, swap]),
      fallback: otelOutput('fallback', [swap, early]),
      model_fallback: otelOutput('model_fallback', [swap]),
    });
    const events = otelEvents(ctx);
    expect(events.map((e) => e.id)).toEqual(['ev-early', 'ev-swap', 'ev-late']);
    expect(events.find((e) => e.id === 'ev-swap')?.queries).toEqual(['gateway', 'fallback', 'model_fallback']);
    expect(otelEvents(ctx)).toBe(events);
  });

  it('keeps the error text of an ok:false envelope', () => {
    const r = otelQuery(ctxOf({ gateway: otelFailure('gateway', 'ClickHouse query failed: connect ECONNREFUSED 127.0.0.1:8123') }), otelSearchId('gateway'));
    expect(r.status).toBe('failed');
    expect(r.reason).toBe('joelclaw otel search "gateway" failed: ClickHouse query failed: connect ECONNREFUSED 127.0.0.1:8123 [OTEL_QUERY_FAILED]');
  });

  it('uses stderr when the command exited non-zero with no stdout', () => {
    const input = { content: '', status: 'error' as const, exitCode: 1, stderr: 'Error: ClickHouse unreachable\n    at run (cli.ts:1)\n' };
    const r = otelQuery(ctxOf({ gateway: input }), otelSearchId('gateway'));
    expect(r).toMatchObject({ status: 'failed', reason: 'joelclaw otel search "gateway" failed (exit 1): Error: ClickHouse unreachable' });
  });

  it('tolerates non-JSON output and says what was printed', () => {
    const r = otelQuery(ctxOf({ gateway: 'Usage: joelclaw otel search <query>\n' }), otelSearchId('gateway'));
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/non-JSON output: Usage: joelclaw otel search <query>$/);
  });

  it('marks queries that were not collected as absent, with the manifest reason', () => {
    const ctx = ctxOf({ watchdog: { status: 'missing', reason: 'command not found: joelclaw' } });
    expect(otelQuery(ctx, otelSearchId('watchdog'))).toMatchObject({ status: 'absent', reason: 'cmd/otel-search/watchdog was not collected (missing: command not found: joelclaw)' });
    expect(otelQuery(ctx, otelSearchId('gateway')).status).toBe('absent');
  });

  it('covers every procedure query plus extra search artifacts in the bundle', () => {
    const results = otelResults(ctxOf({ 'heartbeat.tick': otelOutput('heartbeat.tick', []) }));
    expect(results).toHaveLength(15);
    expect(results[14]).toMatchObject({ query: 'heartbeat.tick', status: 'ok', events: [] });
  });

  it('skips events without a usable timestamp', () => {
    const good = otelEvent(3, 'queue.enqueued', { id: 'ok-1' });
    const out = otelOutput('command-queue', [good, { ...good, id: 'bad-1', ts: 'yesterday' }]);
    expect(otelQuery(ctxOf({ 'command-queue': out }), otelSearchId('command-queue')).events.map((e) => e.id)).toEqual(['ok-1']);
  });

  it('accepts an old output without the envelope, and epoch-ms timestamps', () => {
    const e = { ...otelEvent(7, 'daemon.started', { id: 'bare-1' }), ts: undefined, timestamp: Date.parse('2026-11-27T11:53:00.000Z') };
    const r = otelQuery(ctxOf({ gateway: JSON.stringify({ query: 'gateway', found: 1, events: [e] }, null, 2) }), otelSearchId('gateway'));
    expect(r.status).toBe('ok');
    expect(r.events.map((x) => [x.id, x.ts])).toEqual([['bare-1', '2026-11-27T11:53:00.000Z']]);
  });
});

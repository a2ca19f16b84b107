import { describe, expect, it } from 'vitest';
import { otelSearchId } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import otel from '../../../src/replay/layers/otel.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';
import { otelArtifacts, otelEvent, otelFailure, otelOutput } from '../parse/otel-fixture.js';

const run = (byQuery: Record<string, ArtifactInput>) => otel.run(createContext(bundleFrom(otelArtifacts(byQuery))));
const ids = (r: ReturnType<typeof run>) => r.findings.map((f) => f.messageId);
const healthy = () => [otelEvent(40, 'daemon.started'), otelEvent(30, 'queue.prompt.sent', { component: 'command-queue' }), otelEvent(20, 'response.generated', { component: 'daemon.response' })];

describe('otel layer', () => {
  it('is layer 6 with id otel', () => {
    expect([otel.id, otel.seedLayer]).toEqual(['otel', 6]);
  });

  it('is unknown when no OTEL search was collected', () => {
    const r = run({});
    expect(r.status).toBe('unknown');
    expect(r.reason).toMatch(/^cmd\/otel-search\/gateway is not in this bundle/);
  });

  it('is unknown with the error text when every search failed, since telemetry is not the gateway', () => {
    const down = otelFailure('gateway', 'ClickHouse query failed: connect ECONNREFUSED');
    const r = run({ gateway: down, fallback: { status: 'missing', reason: 'command not found: joelclaw' } });
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('ClickHouse query failed: connect ECONNREFUSED');
  });

  it('is ok on routine events and counts them in the detail', () => {
    const r = run({ gateway: otelOutput('gateway', healthy()) });
    expect(r.status).toBe('ok');
    expect(r.detail).toBe('3 events from 1 query: 0 error, 0 fatal, 0 success=false');
    expect(ids(r)).toEqual(['otelRestarts']);
  });

  it('fails on a fatal event in the window and cites its line', () => {
    const fatal = otelEvent(10, 'queue.prompt.failed', { id: 'ev-fatal', level: 'fatal', component: 'command-queue', success: false, error: 'consecutive prompt failures: 3' });
    const r = run({ 'command-queue': otelOutput('command-queue', [...healthy(), fatal]) });
    expect(r.status).toBe('failed');
    const f = r.findings.find((x) => x.messageId === 'otelFatal')!;
    expect(f.severity).toBe('error');
    const ctx = createContext(bundleFrom(otelArtifacts({ 'command-queue': otelOutput('command-queue', [...healthy(), fatal]) })));
    expect(ctx.lines(f.evidence[0]!.artifact)?.[f.evidence[0]!.line! - 1]).toContain('ev-fatal');
    expect(ids(r)).toContain('otelPromptFailed');
  });

  it('fails on watchdog.session_dead but only degrades on a fatal older than the window', () => {
    expect(run({ watchdog: otelOutput('watchdog', [otelEvent(15, 'watchdog.session_dead', { level: 'warn', component: 'daemon.watchdog' })]) }).status).toBe('failed');
    const old = otelEvent(300, 'daemon.uncaught_exception', { level: 'fatal' });
    expect(run({ 'queue.dedup_dropped': otelOutput('queue.dedup_dropped', [old]) }).status).toBe('degraded');
  });

  it('only degrades on a watchdog.session_dead that the daemon restarted after', () => {
    const dead = otelEvent(15, 'watchdog.session_dead', { level: 'warn', component: 'daemon.watchdog' });
    const r = run({ watchdog: otelOutput('watchdog', [dead]), gateway: otelOutput('gateway', [otelEvent(14, 'daemon.started', { id: 'ev-restart' })]) });
    expect(r.status).toBe('degraded');
    expect(r.findings.find((f) => f.messageId === 'otelSessionDead')?.text).toContain('the daemon restarted after it');
    const before = run({ watchdog: otelOutput('watchdog', [dead]), gateway: otelOutput('gateway', [otelEvent(16, 'daemon.started', { id: 'ev-earlier' })]) });
    expect(before.status).toBe('failed');
  });

  it('degrades on error-level events, fallback swaps, dedup drops and console-forward suppression', () => {
    const cases: Array<[string, ReturnType<typeof otelEvent>, string]> = [
      ['gateway', otelEvent(10, 'daemon.api_error.detected', { level: 'error' }), 'otelErrorLevel'],
      ['fallback', otelEvent(10, 'model_fallback.swapped', { level: 'warn', component: 'daemon.fallback' }), 'otelFallbackSwapped'],
      ['message.dedup_dropped', otelEvent(100, 'message.dedup_dropped', { component: 'message-store' }), 'otelDedupDropped'],
      ['outbound.console_forward', otelEvent(10, 'outbound.console_forward.suppressed_policy'), 'otelConsoleForwardSuppressed'],
    ];
    for (const [query, event, messageId] of cases) {
      const r = run({ [query]: otelOutput(query, [...healthy(), event]) });
      expect([query, r.status]).toEqual([query, 'degraded']);
      expect(ids(r)).toContain(messageId);
    }
  });

  it('compares console-forward suppression with sends and background responses', () => {
    const evs = [otelEvent(9, 'outbound.console_forward.suppressed_policy'), otelEvent(8, 'outbound.console_forward.sent'), otelEvent(9.5, 'response.generated.background_source', { component: 'daemon.response' })];
    const f = run({ 'outbound.console_forward': otelOutput('outbound.console_forward', evs) }).findings.find((x) => x.messageId === 'otelConsoleForwardSuppressed');
    expect(f?.text).toMatch(/^1 outbound\.console_forward\.suppressed_policy .* vs 1 \.sent and 1 background responses/);
  });

  it('notes stuck watchdogs, probe failures and mode flips without changing an ok status', () => {
    const evs = [
      otelEvent(12, 'watchdog.session_stuck', { level: 'warn', component: 'daemon.watchdog' }),
      otelEvent(11, 'watchdog.session_stuck.recovered', { component: 'daemon.watchdog' }),
      otelEvent(10, 'model_fallback.probe_failed', { level: 'warn', component: 'daemon.fallback' }),
      otelEvent(9, 'runtime.mode.changed', { component: 'redis-channel' }),
    ];
    const r = run({ watchdog: otelOutput('watchdog', evs) });
    expect(r.status).toBe('ok');
    expect(ids(r)).toEqual(['otelSessionStuck', 'otelProbeFailed', 'otelModeChanged']);
    expect(r.findings[0]?.text).toMatch(/^2 watchdog\.session_stuck/);
  });

  it('counts a swap seen by two queries once', () => {
    const swap = otelEvent(10, 'model_fallback.swapped', { id: 'one-swap', level: 'warn', component: 'daemon.fallback' });
    const r = run({ gateway: otelOutput('gateway', [swap]), fallback: otelOutput('fallback', [swap]) });
    expect(r.findings.find((f) => f.messageId === 'otelFallbackSwapped')?.text).toMatch(/^1 model_fallback\.swapped/);
  });

  it('still classifies when some queries failed, and says which', () => {
    const r = run({ gateway: otelOutput('gateway', healthy()), watchdog: { content: '', status: 'timeout', reason: 'timed out after 10 s' } });
    expect(r.status).toBe('ok');
    const f = r.findings.find((x) => x.messageId === 'otelQueryFailed');
    expect(f?.evidence).toEqual([{ artifact: otelSearchId('watchdog') }]);
    expect(f?.text).toContain('timed out');
  });

  it('notes results capped by the search limit', () => {
    const r = run({ gateway: otelOutput('gateway', healthy(), 412) });
    expect(r.findings.find((f) => f.messageId === 'otelResultsCapped')?.text).toBe('results were capped: "gateway" 3 of 412');
  });
});

import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import errorLog, { reconcileErrorLog } from '../../../src/replay/layers/error-log.js';
import stdoutLog from '../../../src/replay/layers/stdout-log.js';
import { scanPatterns } from '../../../src/replay/patterns/scan.js';
import type { LayerId, LayerResult, LayerStatus } from '../../../src/replay/types.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';

// Seed layer 2 over real-shaped gateway.err tails (facts §1.1, §6), and the reconciliation of facts §2.4.

const ERR = A.gatewayErrLog.id;
const LOG = A.gatewayLog.id;

const LANGFUSE = "langfuse-cost: cannot load optional dependency 'langfuse'; telemetry disabled.";
const STUCK = '[gateway:watchdog] session appears stuck — attempting abort {\n  stuckForMs: 185000,\n  source: "telegram:123456",\n}';
const STUCK_RECOVERED = '[gateway:watchdog] session recovered after stuck abort';
const DEAD = '[gateway:watchdog] session appears dead — too many consecutive prompt failures';
const SELF_RESTART = '[gateway:watchdog] initiating self-restart for session recovery';
const MAINTENANCE = '[gateway] idle waiter extended for active maintenance {\n  extendedByMs: 60000,\n}';
const AUTH_FAILURE = [
  'command-queue: prompt failed {',
  '  source: "telegram:123456",',
  '  consecutiveFailures: 3,',
  '  error: 936 |       throw new Error(`Authentication failed for "${provider}". Credentials may have expired.`);',
  '                     ^',
  'error: Authentication failed for "anthropic". Credentials may have expired or network is unavailable.',
  '      at prompt (/Users/joel/.bun/install/cache/pi-coding-agent/dist/core/agent-session.js:936:19)',
  '      at drain (/Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/command-queue.ts:1140:11)',
  '      at processTicksAndRejections (native:7:39)',
  '      at tick (/Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts:5484:5)',
  '      at run (/Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts:5490:5)',
  ',',
  '}',
].join('\n');

const log = (...records: string[]) => `${records.join('\n')}\n`;
const run = (files: Record<string, ArtifactInput>) => errorLog.run(createContext(bundleFrom(files)));
const layer = (id: LayerId, status: LayerStatus): LayerResult => ({ id, seedLayer: 0, title: id, status, detail: id, findings: [] });

describe('the error-log layer', () => {
  it('is ok and counts records when gateway.err holds no known failure', () => {
    const r = run({ [ERR]: log(MAINTENANCE, STUCK_RECOVERED) });
    expect(r).toMatchObject({ id: 'error-log', seedLayer: 2, status: 'ok', detail: '2 records scanned, no known failure patterns' });
  });

  it('is unknown with the collector reason when gateway.err was not collected', () => {
    const r = run({ [ERR]: { status: 'missing', reason: 'no such file' } });
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('no such file');
  });

  it('is ok when gateway.err exists but is empty', () => {
    expect(run({ [ERR]: '' })).toMatchObject({ status: 'ok', detail: 'gateway.err is empty' });
  });

  it('is only degraded by a langfuse warning alone', () => {
    const r = run({ [ERR]: log(LANGFUSE, MAINTENANCE) });
    expect(r.status).toBe('degraded');
    expect(r.findings.map((f) => f.text)).toEqual(['[warn] langfuse-optional ×1']);
  });

  it('fails on error rows and cites the last matching record with a bounded excerpt', () => {
    const r = run({ [ERR]: log(AUTH_FAILURE, DEAD, SELF_RESTART, AUTH_FAILURE) });
    expect(r.status).toBe('failed');
    const auth = r.findings.find((f) => f.messageId === 'pattern:auth-failed');
    expect(auth?.text).toBe('[error] auth-failed ×2');
    expect(auth?.evidence[0]).toMatchObject({ artifact: ERR, line: 16 });
    const excerpt = auth?.evidence[0]?.excerpt?.split('\n') ?? [];
    expect(excerpt[0]).toBe('command-queue: prompt failed {');
    expect(excerpt.length).toBeLessThanOrEqual(13);
    expect(r.findings.find((f) => f.messageId === 'pattern:prompt-failure')?.text).toBe('[error] prompt-failure ×2 (last: consecutiveFailures: 3)');
    expect(r.detail).toMatch(/^\d+ pattern\(s\) in 4 records$/);
  });

  it('says when gateway.err was cut to a tail', () => {
    const content = log(LANGFUSE);
    const bytes = Buffer.byteLength(content);
    const r = run({
      [ERR]: { content, status: 'truncated', bytesAtSource: bytes + 5_000_000, truncations: [{ reason: 'max-size', kept: 'tail', bytesCut: 5_000_000 }] },
    });
    expect(r.detail).toContain('of 5.0 MB kept');
    expect(r.findings.find((f) => f.messageId === 'logTruncated')?.text).toContain('max-size');
  });

  const CAPTURE = Date.parse('2026-11-27T12:00:00.000Z');
  const ago = (minutes: number) => new Date(CAPTURE - minutes * 60_000).toISOString();
  const psUp = (etime: string) =>
    `  PID  PPID STARTED                          ELAPSED COMMAND\n 4242     1 Thu Nov 27 10:59:00 2026 ${etime.padStart(15)} bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts\n`;
  const RETRIES = '[gateway] redis command retries exhausted {\n  suppressedInWindow: 4,\n  message: "Reached the max retries per request limit (which is 20).",\n}';

  it('does not fail on failures written before the running daemon started: history, shown before the last restart', () => {
    const r = run({ [ERR]: { content: log(RETRIES, RETRIES, AUTH_FAILURE), mtime: ago(9 * 60) }, [A.ps.id]: psUp('01:01:00') });
    expect(r.status).toBe('ok');
    expect(r.detail).toBe('3 pattern(s), all before the last restart (history); nothing written to gateway.err since');
    expect(r.findings[0]).toMatchObject({ messageId: 'historyBeforeRestart', severity: 'info' });
    expect(r.findings[0]?.text).toMatch(/^before the last restart: gateway\.err lines 1-\d+ \(3 records\) are history, not the present: gateway\.err was last written at 2026-11-27T03:00:00\.000Z/);
    expect(r.findings.slice(1).map((f) => [f.text, f.severity])).toEqual([
      ['before the last restart: [error] redis-max-retries ×2', 'info'],
      ['before the last restart: [error] auth-failed ×1', 'info'],
      ['before the last restart: [error] prompt-failure ×1 (last: consecutiveFailures: 3)', 'info'],
    ]);
  });

  it('degrades, not fails, on failures the watchdog restarted the daemon for within the hour, none since', () => {
    const restarted = log('[gateway] daemon started {\n  pid: 100,\n}', '[gateway] shutting down {\n  signal: "watchdog:dead-session",\n}', '[gateway] daemon started {\n  pid: 4242,\n}');
    const r = run({ [ERR]: { content: log(AUTH_FAILURE, DEAD, SELF_RESTART), mtime: ago(1) }, [LOG]: restarted, [A.ps.id]: psUp('12:00') });
    expect(r.status).toBe('degraded');
    expect(r.detail).toBe('4 pattern(s) before the watchdog restarted the daemon 12 min ago; nothing written to gateway.err since');
  });

  it('still fails on failures written since the last restart, with the history listed beside them', () => {
    const restarted = log('[gateway] daemon started {\n  pid: 100,\n}', '[gateway] shutting down {\n  signal: "watchdog:dead-session",\n}', '[gateway] daemon started {\n  pid: 4242,\n}');
    const r = run({ [ERR]: { content: log(DEAD, SELF_RESTART, AUTH_FAILURE), mtime: ago(1) }, [LOG]: restarted, [A.ps.id]: psUp('12:00') });
    expect(r.status).toBe('failed');
    expect(r.detail).toBe('2 pattern(s) in 3 records, 2 of them before the last restart');
    expect(r.findings.map((f) => f.messageId)).toEqual(['pattern:auth-failed', 'pattern:prompt-failure', 'historyBeforeRestart', 'history:watchdog-dead', 'history:self-restart']);
  });

  it('calls a stuck alarm that the watchdog later reports recovered degraded, not failed', () => {
    expect(run({ [ERR]: log(STUCK, STUCK_RECOVERED) }).status).toBe('degraded');
    expect(run({ [ERR]: log(STUCK_RECOVERED, STUCK) }).status).toBe('failed');
    expect(run({ [ERR]: log(STUCK, AUTH_FAILURE, STUCK_RECOVERED) }).status).toBe('failed');
  });
});

describe('reconcileErrorLog', () => {
  const replayOf = (files: Record<string, ArtifactInput>) => {
    const ctx = createContext(bundleFrom(files));
    return { err: errorLog.run(ctx), stdout: stdoutLog.run(ctx), hits: scanPatterns(ctx) };
  };

  it('applies Rule A: only stale watchdog errors with e2e passing become degraded', () => {
    const { err, hits } = replayOf({ [ERR]: log(STUCK, DEAD, LANGFUSE) });
    const r = reconcileErrorLog(err, { e2e: layer('e2e', 'ok') }, hits);
    expect(r.status).toBe('degraded');
    expect(r.detail).toContain('stale watchdog entries — e2e passing');
    expect(r.findings.some((f) => f.messageId === 'reconciledStaleWatchdog')).toBe(true);
  });

  it('calls Redis transport errors degraded while the daemon reports redis_degraded and stays available', () => {
    const refused = '[gateway:redis] command error {\n  error: "connect ECONNREFUSED 127.0.0.1:6379",\n}';
    const { err, hits } = replayOf({ [ERR]: log(refused) });
    expect(err.status).toBe('failed');
    const r = reconcileErrorLog(err, { redisDegradedMode: true }, hits);
    expect(r.status).toBe('degraded');
    expect(r.findings.some((f) => f.messageId === 'reconciledRedisDegraded')).toBe(true);
    expect(reconcileErrorLog(err, { redisDegradedMode: false }, hits).status).toBe('failed');
    const mixed = replayOf({ [ERR]: log(refused, AUTH_FAILURE) });
    expect(reconcileErrorLog(mixed.err, { redisDegradedMode: true }, mixed.hits).status).toBe('failed');
  });

  it('applies Rule B only when e2e, process and redis all pass', () => {
    const { err, hits } = replayOf({ [ERR]: log(AUTH_FAILURE) });
    const passing = { e2e: layer('e2e', 'ok'), process: layer('process', 'ok'), redis: layer('redis', 'ok') };
    expect(reconcileErrorLog(err, passing, hits).detail).toContain('gateway recovered — e2e/process/redis all passing');
    expect(reconcileErrorLog(err, { ...passing, redis: layer('redis', 'degraded') }, hits).status).toBe('failed');
    expect(reconcileErrorLog(err, { ...passing, e2e: layer('e2e', 'failed') }, hits).status).toBe('failed');
  });

  it('leaves a layer that did not fail untouched', () => {
    const { err, hits } = replayOf({ [ERR]: log(LANGFUSE) });
    expect(reconcileErrorLog(err, { e2e: layer('e2e', 'ok') }, hits)).toBe(err);
  });

});

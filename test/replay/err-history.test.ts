import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { createContext } from '../../src/replay/context.js';
import { errHistory } from '../../src/replay/err-history.js';
import { type ArtifactInput, bundleFrom } from '../helpers/bundle-from.js';

// Where gateway.err's history ends (src/replay/err-history.ts): by the file's mtime against the running daemon's
// start, else by the watchdog's restart announcements paired with the restarts gateway.log shows completed.

const ERR = A.gatewayErrLog.id;
const LOG = A.gatewayLog.id;
const CAPTURE = Date.parse('2026-11-27T12:00:00.000Z');
const ago = (minutes: number) => new Date(CAPTURE - minutes * 60_000).toISOString();

const RETRIES = '[gateway] redis command retries exhausted {\n  suppressedInWindow: 4,\n  message: "Reached the max retries per request limit (which is 20).",\n}';
const DEAD = '[gateway:watchdog] session appears dead — too many consecutive prompt failures';
const SELF_RESTART = '[gateway:watchdog] initiating self-restart for session recovery';
const STUCK_TIMEOUT = '[gateway:watchdog] stuck recovery timed out — restarting daemon {\n  graceMs: 90000,\n}';
const LANGFUSE = "langfuse-cost: cannot load optional dependency 'langfuse'; telemetry disabled.";
const started = (pid: number) => `[gateway] daemon started {\n  pid: ${pid},\n}`;
const shutdown = (signal: string) => `[gateway] shutting down {\n  signal: "${signal}",\n}`;
const log = (...records: string[]) => `${records.join('\n')}\n`;
const ps = (upMinutes: number) =>
  `  PID  PPID STARTED                          ELAPSED COMMAND\n    1     0 Mon Nov 24 08:00:00 2026      3-04:00:00 /sbin/launchd\n 4242     1 Thu Nov 27 10:00:00 2026 ${`${String(Math.floor(upMinutes / 60)).padStart(2, '0')}:${String(upMinutes % 60).padStart(2, '0')}:00`.padStart(15)} bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts\n`;

const history = (arts: Record<string, ArtifactInput>) => errHistory(createContext(bundleFrom(arts)));

describe('the history of gateway.err', () => {
  it('is the whole file when it was last written before the running daemon started (ps etime)', () => {
    const h = history({ [ERR]: { content: log(RETRIES, RETRIES, RETRIES), mtime: ago(9 * 60) }, [A.ps.id]: ps(61) });
    expect(h).toMatchObject({ basis: 'mtime', records: 3, lastLine: 12, recentWatchdogRecovery: false });
    expect(h?.why).toBe('gateway.err was last written at 2026-11-27T03:00:00.000Z, before the running daemon started at 2026-11-27T10:59:00.000Z (ps (pid 4242 up 01:01:00))');
  });

  it('takes the start from the lifecycle marker, /health uptime or OTEL when ps lists no daemon', () => {
    const err = { content: log(RETRIES), mtime: ago(120) };
    const marker = JSON.stringify({ status: 'completed', reason: 'SIGTERM', requestedAt: ago(61), completedAt: ago(60), previousPid: 3999, newPid: 4242 });
    expect(history({ [ERR]: err, [A.lifecycleMarker.id]: marker })?.daemonStart?.from).toBe('gateway.lifecycle.json completedAt');
    const health = JSON.stringify({ available: true, status: { pid: 4242, uptimeMs: 30 * 60_000 } });
    expect(history({ [ERR]: err, [A.health.id]: health })?.daemonStart).toEqual({ ms: CAPTURE - 30 * 60_000, from: '/health uptimeMs' });
  });

  it('is none when gateway.err was written since the daemon started, or the start is unknown', () => {
    expect(history({ [ERR]: { content: log(RETRIES), mtime: ago(5) }, [A.ps.id]: ps(61) })).toBeNull();
    expect(history({ [ERR]: { content: log(RETRIES), mtime: ago(9 * 60) } })).toBeNull();
  });

  it('ends at the watchdog announcement whose restart gateway.log shows completed', () => {
    const arts = {
      [ERR]: { content: log(RETRIES, DEAD, SELF_RESTART, LANGFUSE), mtime: ago(1) },
      [LOG]: log(started(100), shutdown('watchdog:dead-session'), started(4242)),
      [A.ps.id]: ps(12),
    };
    const ctx = createContext(bundleFrom(arts));
    expect(errHistory(ctx)).toMatchObject({ basis: 'watchdog-restart', lastLine: 6, records: 3, recentWatchdogRecovery: true });
    const lastLine = errHistory(ctx)?.lastLine ?? 0;
    expect(ctx.records(ERR)?.filter((r) => r.line > lastLine).map((r) => r.head)).toEqual([LANGFUSE]);
  });

  it('keeps an announcement whose restart has not happened yet as the present (the capture came first)', () => {
    expect(history({ [ERR]: { content: log(STUCK_TIMEOUT), mtime: ago(1) }, [LOG]: log(started(4242)), [A.ps.id]: ps(61) })).toBeNull();
  });

  it('pairs announcements with completed restarts in order, so a second pending one leaves the first as the end', () => {
    const h = history({
      [ERR]: { content: log(RETRIES, SELF_RESTART, RETRIES, STUCK_TIMEOUT), mtime: ago(1) },
      [LOG]: log(started(100), shutdown('watchdog:dead-session'), started(4242)),
      [A.ps.id]: ps(61),
    });
    expect(h).toMatchObject({ basis: 'watchdog-restart', lastLine: 5, records: 2 });
  });

  it('counts the watchdog restart the lifecycle marker records when gateway.log was not collected', () => {
    const marker = JSON.stringify({ status: 'completed', reason: 'watchdog:dead-session', requestedAt: ago(13), completedAt: ago(12), previousPid: 100, newPid: 4242 });
    const h = history({ [ERR]: { content: log(DEAD, SELF_RESTART), mtime: ago(1) }, [A.lifecycleMarker.id]: marker, [A.ps.id]: ps(12) });
    expect(h).toMatchObject({ basis: 'watchdog-restart', records: 2, recentWatchdogRecovery: true });
  });

  it('calls a watchdog restart more than an hour old history, not the incident just recovered from', () => {
    const h = history({
      [ERR]: { content: log(DEAD, SELF_RESTART), mtime: ago(1) },
      [LOG]: log(started(100), shutdown('watchdog:dead-session'), started(4242)),
      [A.ps.id]: ps(3 * 60),
    });
    expect(h?.recentWatchdogRecovery).toBe(false);
  });
});

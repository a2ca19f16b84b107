import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { asRecord, parseHealth } from './parse/health.js';
import { otelEvents } from './parse/otel.js';
import { processFacts } from './process-facts.js';
import { stdoutFlow } from './stdout-flow.js';
import type { Evidence, LogRecord } from './types.js';

// Which records of gateway.err were written before the running daemon started. The file has no timestamps and
// nothing truncates it (launchd appends for as long as /tmp survives), so an overnight Redis storm stays in it
// after two restarts and a healthy day. Read as the present, that history failed the error log, the false alarm
// behind the owner's health monitor restarting a healthy gateway (its 72 h audit: 2 auto-restarts, both
// errored, 0 successes; joelclaw ca66a98f, 2026-07-29).
//
// Where the restart boundary is, without timestamps, from the strongest evidence down:
// 1. Time. The running daemon's start comes from ps (etime), else the lifecycle marker's completedAt for its
//    pid, else /health uptimeMs, else the last OTEL daemon.started. If gateway.err was last modified before
//    that start, the running daemon never wrote to it: every record in it is history.
// 2. Position. The watchdog announces its own restarts in gateway.err ("initiating self-restart", "stuck
//    recovery timed out — restarting daemon") and the shutdown that follows lands in gateway.log with a
//    watchdog:* signal, then a new `daemon started`. Both files are appended since the same boot, so the k-th
//    announcement pairs with the k-th watchdog restart gateway.log shows completed. An announcement with no
//    completed restart after it is pending (the capture came before the restart happened, as when the watchdog
//    gives up on a stuck tool): records before it are still the present. Records up to the last announcement
//    whose restart completed are history.
// Other restarts (SIGTERM from an operator, the health monitor or a reboot) leave nothing in gateway.err, so
// only the time rule sees them; when neither rule applies, every record counts as the present, as before.

/** Slack between the file's mtime and the daemon start (ps etime and mtimes are whole seconds). */
const CLOCK_SLACK_MS = 2000;
/** The watchdog's own announcement that it restarts the daemon (daemon.ts:5528, 5649; facts §1.1). */
const WATCHDOG_ANNOUNCEMENT = /initiating self-restart|stuck recovery timed out/i;
/** A watchdog restart younger than this is the incident just recovered from, not history (the capture window is 1 h by default). */
export const RECENT_RESTART_MS = 60 * 60_000;

export interface ErrHistory {
  /** Records at or before this line of gateway.err are history. */
  lastLine: number;
  /** How many of the kept records are history. */
  records: number;
  basis: 'mtime' | 'watchdog-restart';
  /** When the running daemon started, and from what. */
  daemonStart: { ms: number; from: string } | null;
  /** The last restart was the watchdog recovering from these failures, within the last hour: still this incident. */
  recentWatchdogRecovery: boolean;
  /** One line for findings: why these records are history. */
  why: string;
  evidence: Evidence[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

// Why: gateway.err's history and the stdout-log layer's "recent watchdog restart" need the same start time.
/** The running daemon's start time, from the strongest source that has it. */
export function runningDaemonStart(ctx: ReplayContext): { ms: number; from: string; evidence: Evidence } | null {
  return ctx.memo('runningDaemonStart', () => daemonStart(ctx));
}

function daemonStart(ctx: ReplayContext): { ms: number; from: string; evidence: Evidence } | null {
  const now = ctx.now.getTime();
  const f = processFacts(ctx);
  if (f.daemonRow && f.daemonRow.elapsedSec !== null) {
    return { ms: now - f.daemonRow.elapsedSec * 1000, from: `ps (pid ${f.daemonRow.pid} up ${f.daemonRow.elapsed})`, evidence: { artifact: A.ps.id, line: f.daemonRow.line } };
  }
  const marker = completedMarker(ctx);
  const completed = typeof marker?.completedAt === 'string' ? Date.parse(marker.completedAt) : Number.NaN;
  const samePid = f.daemonPid === null || String(marker?.newPid) === f.daemonPid;
  if (marker && samePid && !Number.isNaN(completed)) {
    return { ms: completed, from: 'gateway.lifecycle.json completedAt', evidence: { artifact: A.lifecycleMarker.id } };
  }
  const health = ctx.text(A.health.id);
  const parsed = health === undefined || health.trim() === '' ? null : parseHealth(health);
  const uptime = parsed?.ok ? parsed.body.status?.uptimeMs : undefined;
  if (typeof uptime === 'number' && Number.isFinite(uptime)) return { ms: now - uptime, from: '/health uptimeMs', evidence: { artifact: A.health.id } };
  const started = otelEvents(ctx).filter((e) => e.action === 'daemon.started').at(-1);
  if (started) return { ms: started.ms, from: 'OTEL daemon.started', evidence: { artifact: started.artifact, ...(started.line === undefined ? {} : { line: started.line }) } };
  return null;
}

/** The lifecycle marker of the running daemon's start, when it says a restart completed. */
function completedMarker(ctx: ReplayContext): Record<string, unknown> | null {
  const marker = ctx.absence(A.lifecycleMarker.id) ? null : asRecord(ctx.json(A.lifecycleMarker.id));
  return marker?.status === 'completed' ? marker : null;
}

/**
 * How many watchdog restarts completed: watchdog:* shutdowns in gateway.log with a startup after them, or at
 * least the one the lifecycle marker records (its reason is the shutdown signal; daemon.ts:179-209) when
 * gateway.log was not collected or cut.
 */
function completedWatchdogRestarts(ctx: ReplayContext): number {
  const flow = stdoutFlow(ctx);
  const startups = flow?.events.filter((e) => e.kind === 'startup').map((e) => e.line) ?? [];
  const inLog = flow?.restarts.filter((r) => r.watchdog && startups.some((s) => s > r.line)).length ?? 0;
  const reason = completedMarker(ctx)?.reason;
  return Math.max(inLog, typeof reason === 'string' && reason.startsWith('watchdog:') ? 1 : 0);
}

/** The kind of the restart that started the running daemon: the lifecycle marker's reason, else gateway.log's last shutdown. */
function lastRestartWasWatchdog(ctx: ReplayContext): boolean {
  const reason = completedMarker(ctx)?.reason;
  if (typeof reason === 'string') return reason.startsWith('watchdog:');
  const flow = stdoutFlow(ctx);
  const lastStart = flow?.lastStartup?.line ?? 0;
  const before = flow?.restarts.filter((r) => r.line < lastStart).at(-1);
  return before?.watchdog ?? false;
}

function boundary(ctx: ReplayContext, records: readonly LogRecord[], start: ReturnType<typeof runningDaemonStart>): Omit<ErrHistory, 'recentWatchdogRecovery' | 'daemonStart' | 'records'> | null {
  const last = records.at(-1);
  if (!last) return null;
  const mtime = Date.parse(ctx.entry(A.gatewayErrLog.id)?.mtime ?? '');
  if (start && !Number.isNaN(mtime) && mtime < start.ms - CLOCK_SLACK_MS) {
    return {
      lastLine: last.endLine,
      basis: 'mtime',
      why: `gateway.err was last written at ${iso(mtime)}, before the running daemon started at ${iso(start.ms)} (${start.from})`,
      evidence: [{ artifact: A.gatewayErrLog.id, excerpt: `last modified ${iso(mtime)}` }, start.evidence],
    };
  }
  const announcements = records.filter((r) => WATCHDOG_ANNOUNCEMENT.test(r.head));
  const completed = completedWatchdogRestarts(ctx);
  // Pair from the start: the k-th completed restart is the k-th announcement; later announcements are pending.
  const marker = announcements[Math.min(completed, announcements.length) - 1];
  if (!marker) return null;
  return {
    lastLine: marker.endLine,
    basis: 'watchdog-restart',
    why: `the watchdog announced a restart at gateway.err:${marker.line} and gateway.log shows the new daemon started after it`,
    evidence: [{ artifact: A.gatewayErrLog.id, line: marker.line, excerpt: marker.head.slice(0, 160) }],
  };
}

// Why: the error-log layer and the scenarios must split gateway.err at the same place.
/** The records of gateway.err written before the running daemon started, or null when none can be shown to be. */
export function errHistory(ctx: ReplayContext): ErrHistory | null {
  return ctx.memo('errHistory', () => {
    const records = ctx.absence(A.gatewayErrLog.id) ? [] : (ctx.records(A.gatewayErrLog.id) ?? []);
    const start = runningDaemonStart(ctx);
    const b = boundary(ctx, records, start);
    if (!b) return null;
    const recent = start !== null && ctx.now.getTime() - start.ms < RECENT_RESTART_MS;
    return {
      ...b,
      records: records.filter((r) => r.line <= b.lastLine).length,
      daemonStart: start ? { ms: start.ms, from: start.from } : null,
      recentWatchdogRecovery: recent && lastRestartWasWatchdog(ctx),
    };
  });
}

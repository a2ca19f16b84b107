import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { parseHeartbeat } from './parse/heartbeat.js';
import { type LaunchctlListJob, type LaunchctlService, parseDisabled, parseLaunchctlList, parseLaunchctlPrint, signalOfStatus } from './parse/launchctl.js';
import { LEGACY_DAEMON_RE, type PsRow, SLIM_TRANSPORT_RE, findProcesses, parsePs } from './parse/ps.js';
import { redisMode } from './redis-summary.js';

// What launchctl, ps, the pid file and the tripwire say about the daemon, decided once per bundle. The
// process layer judges it; scenarios and cli-status read it (slim transport, pid liveness).

/** Tripwire threshold and startup grace (infra/gateway-tripwire.sh). */
export const HEARTBEAT_STALE_SEC = 1800;

export interface HeartbeatFacts {
  ts: number | null;
  mtime: string | null;
  ageSec: number | null;
  /** null when the file was not collected or its age is unknown. */
  stale: boolean | null;
  /** Why it is not judged stale although old: sleep mode or startup grace. */
  excused: 'sleep' | 'startup-grace' | null;
}

export interface ProcessFacts {
  domain: 'system' | 'gui';
  registered: boolean;
  disabled: boolean | null;
  launchdPid: string | null;
  state: string | null;
  lastExitCode: string | null;
  /** `Killed: 9`...: the signal that ended the last run, from `print` (or a negative `list` status). */
  lastSignal: string | null;
  runs: number | null;
  /** The job's row in `launchctl list`, when it ran and lists the job. */
  listJob: LaunchctlListJob | null;
  pidFile: string | null;
  /** launchd pid, else the first daemon.ts pid in ps, else the pid file (the real diagnose's choice). */
  daemonPid: string | null;
  daemonPids: number[];
  transportPids: number[];
  /** Gateway processes that are neither the daemon pid nor its children: a manual run or launchd drift. */
  strayPids: number[];
  /** daemonPid is in the ps table; null when neither ps nor launchctl can tell. */
  alive: boolean | null;
  /** The live runtime (Diagnosis.runtime): with both running, the one launchd / the daemon pid is. */
  runtime: 'legacy' | 'slim' | 'unknown';
  /** What ps shows: either, both, or no gateway process (unknown without ps). */
  runtimesSeen: 'legacy' | 'slim' | 'both' | 'none' | 'unknown';
  /** Seconds since the daemonPid process started (ps etime). */
  elapsedSec: number | null;
  /** Some launchctl command ran on the host (it is absent off macOS). */
  launchctlRan: boolean;
  /** ps ran and its table had process rows. */
  psRan: boolean;
  /** The ps row of daemonPid, when listed. */
  daemonRow: PsRow | null;
  heartbeat: HeartbeatFacts;
}

/** A command artifact that ran (exit 0 or not) has evidence; not found, skipped or empty timeouts do not. */
export const commandRan = (ctx: ReplayContext, id: string): boolean => {
  const e = ctx.entry(id);
  return !!e && ['ok', 'error', 'timeout', 'truncated'].includes(e.status) && ctx.text(id) !== undefined;
};

function snapshot(ctx: ReplayContext, printId: string, disabledId: string) {
  const printEntry = ctx.entry(printId);
  const registered = commandRan(ctx, printId) && printEntry?.status !== 'timeout' && (printEntry?.exitCode ?? 0) === 0;
  const service: LaunchctlService | null = registered ? parseLaunchctlPrint(ctx.text(printId) ?? '') : null;
  const disabled = commandRan(ctx, disabledId) ? parseDisabled(ctx.text(disabledId) ?? '').disabled : null;
  return { registered, service, disabled };
}

function heartbeatFacts(ctx: ReplayContext, elapsedSec: number | null): HeartbeatFacts {
  const text = ctx.absence(A.heartbeatFile.id) ? undefined : ctx.text(A.heartbeatFile.id);
  if (text === undefined) return { ts: null, mtime: null, ageSec: null, stale: null, excused: null };
  const { ts } = parseHeartbeat(text);
  const mtime = ctx.entry(A.heartbeatFile.id)?.mtime ?? null;
  const ref = mtime ? Date.parse(mtime) : ts;
  const ageSec = ref === null || Number.isNaN(ref) ? null : Math.round((ctx.now.getTime() - ref) / 1000);
  if (ageSec === null || ageSec <= HEARTBEAT_STALE_SEC) return { ts, mtime, ageSec, stale: ageSec === null ? null : false, excused: null };
  if (redisMode(ctx) === 'sleep') return { ts, mtime, ageSec, stale: false, excused: 'sleep' };
  if (elapsedSec !== null && elapsedSec < HEARTBEAT_STALE_SEC) return { ts, mtime, ageSec, stale: false, excused: 'startup-grace' };
  return { ts, mtime, ageSec, stale: true, excused: null };
}

// Why: one reading of launchd + ps + pid file for the process layer, scenarios and cli-status.
export function processFacts(ctx: ReplayContext): ProcessFacts {
  return ctx.memo('processFacts', () => {
    const system = snapshot(ctx, A.launchctlPrintSystem.id, A.launchctlDisabledSystem.id);
    const gui = snapshot(ctx, A.launchctlPrintGui.id, A.launchctlDisabledGui.id);
    const has = (id: string) => ctx.absence(id) === null;
    // Domain selection, gateway.ts:1970-1982 (facts §7).
    const useSystem = system.registered || has(A.launchDaemonPlist.id);
    const useGui = !useSystem && (gui.registered || gui.disabled !== null || has(A.launchAgentPlist.id));
    const chosen = useGui ? gui : system;
    const rows = commandRan(ctx, A.ps.id) ? parsePs(ctx.text(A.ps.id) ?? '') : [];
    // A table without a single process row (not even launchd/init) is unreadable, not "nothing runs".
    const psRan = rows.length > 0;
    const daemonRows = findProcesses(rows, LEGACY_DAEMON_RE);
    const transportRows = findProcesses(rows, SLIM_TRANSPORT_RE);
    const pidText = has(A.pidFile.id) ? (ctx.text(A.pidFile.id) ?? '').trim() || null : null;
    const launchdPid = chosen.service?.pid ?? null;
    const listJob = commandRan(ctx, A.launchctlList.id) ? parseLaunchctlList(ctx.text(A.launchctlList.id) ?? '') : null;
    // print shows the signal in place of the exit code; list shows it as a negative status.
    const lastSignal = chosen.service?.lastSignal ?? (chosen.service?.lastExitCode ? null : signalOfStatus(listJob?.status ?? null));
    const daemonPid = launchdPid ?? (daemonRows[0] ? String(daemonRows[0].pid) : null) ?? pidText;
    const daemonRow = daemonPid ? (rows.find((r) => String(r.pid) === daemonPid) ?? null) : null;
    let alive: boolean | null = null;
    if (psRan) alive = daemonRow !== null;
    else if (chosen.registered) alive = launchdPid !== null && /running/i.test(chosen.service?.state ?? '');
    const launchctlRan = [A.launchctlPrintSystem, A.launchctlPrintGui, A.launchctlDisabledSystem, A.launchctlDisabledGui, A.launchctlList].some((s) => commandRan(ctx, s.id));
    const runtimesSeen = !psRan
      ? 'unknown'
      : daemonRows.length > 0 && transportRows.length > 0
        ? 'both'
        : daemonRows.length > 0
          ? 'legacy'
          : transportRows.length > 0
            ? 'slim'
            : 'none';
    const elapsedSec = daemonRow?.elapsedSec ?? null;
    const runtime =
      runtimesSeen === 'both'
        ? daemonRow && transportRows.some((r) => r.pid === daemonRow.pid) ? 'slim' : 'legacy'
        : runtimesSeen === 'none'
          ? 'unknown'
          : runtimesSeen;
    return {
      domain: useGui ? 'gui' : 'system',
      registered: chosen.registered,
      disabled: chosen.disabled,
      launchdPid,
      state: chosen.service?.state ?? null,
      lastExitCode: chosen.service?.lastExitCode ?? null,
      lastSignal,
      runs: chosen.service?.runs ?? null,
      listJob,
      pidFile: pidText,
      daemonPid,
      daemonPids: daemonRows.map((r) => r.pid),
      transportPids: transportRows.map((r) => r.pid),
      strayPids: strayGatewayPids([...daemonRows, ...transportRows], daemonPid),
      alive,
      runtime,
      runtimesSeen,
      elapsedSec,
      launchctlRan,
      psRan,
      daemonRow,
      heartbeat: heartbeatFacts(ctx, elapsedSec),
    };
  });
}

// Why: a start script that does not `exec` leaves launchd's pid on the shell and bun as its child, which is
// one gateway, not two; only a gateway process outside that tree is a second poller.
function strayGatewayPids(rows: readonly PsRow[], daemonPid: string | null): number[] {
  if (daemonPid === null) return [];
  const pids = rows.filter((r) => String(r.pid) !== daemonPid && String(r.ppid) !== daemonPid).map((r) => r.pid);
  return [...new Set(pids)];
}

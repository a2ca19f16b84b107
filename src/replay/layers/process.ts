import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { agentLoop } from '../agent-loop.js';
import { gatewayAbsence } from '../gateway-presence.js';
import { GATEWAY_LABEL, signalOfStatus } from '../parse/launchctl.js';
import { lineEvidence } from '../line-evidence.js';
import { parseLaunchdPlist } from '../parse/plist.js';
import { type ProcessFacts, processFacts } from '../process-facts.js';
import type { Finding, Layer, LayerResult } from '../types.js';

// Seed layer 0: is launchd's com.joel.gateway disabled, registered, running; does the pid file agree.
// The status follows the real diagnose's rules 1-5 (facts §2.4 L1) over captured ps/launchctl output.

export { processFacts, type ProcessFacts } from '../process-facts.js';

type RealStatus = 'ok' | 'degraded' | 'failed';

// Why: the real L1 rules in order, shared with `--format diagnose` through diagnoseSubLayers.
export function realProcessRule(f: ProcessFacts): { status: RealStatus; detail: string } {
  const p = f.daemonPid;
  const alive = f.alive === true;
  const state = f.state ?? 'unknown';
  if (f.disabled === true && alive) return { status: 'degraded', detail: `PID ${p} alive but launchd service ${GATEWAY_LABEL} is disabled` };
  if (f.disabled === true) return { status: 'failed', detail: `Launchd service ${GATEWAY_LABEL} is disabled` };
  if (alive && f.registered) {
    if (f.pidFile !== null && f.pidFile !== p) {
      return { status: 'degraded', detail: `PID ${p} alive, launchd state ${state}, PID file stale (file: ${f.pidFile})` };
    }
    return { status: 'ok', detail: `PID ${p} alive, launchd state ${state}, PID file ${f.pidFile !== null ? 'matches' : 'missing'}` };
  }
  if (alive) return { status: 'degraded', detail: `PID ${p} alive but launchd service is not registered` };
  const launchd = f.registered ? state : 'not registered';
  const disabled = f.disabled === false ? 'enabled' : 'unknown'; // disabled returned above
  // The real detail has lastExit only; a run ended by a signal has none, so the signal is named instead.
  const lastExit = f.lastExitCode !== null ? `, lastExit: ${f.lastExitCode}` : f.lastSignal !== null ? `, last signal: ${f.lastSignal}` : '';
  return { status: 'failed', detail: `Daemon not running (launchd: ${launchd}, disabled: ${disabled}${lastExit}, pidFile: ${f.pidFile ?? 'null'})` };
}

/** Off macOS there is no launchd: judge liveness and the pid file alone. */
function withoutLaunchd(f: ProcessFacts): { status: RealStatus; detail: string } {
  const pidFile = f.pidFile === null ? 'missing' : f.pidFile === f.daemonPid ? 'matches' : `stale (file: ${f.pidFile})`;
  if (f.alive) {
    return { status: f.pidFile !== null && f.pidFile !== f.daemonPid ? 'degraded' : 'ok', detail: `PID ${f.daemonPid} alive (launchctl not available), PID file ${pidFile}` };
  }
  return { status: 'failed', detail: `Daemon not running (launchctl not available, pidFile: ${f.pidFile ?? 'null'})` };
}

export const humanDuration = (sec: number): string => {
  const d = Math.floor(sec / 86_400);
  const h = Math.floor((sec % 86_400) / 3_600);
  const m = Math.floor((sec % 3_600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m ${sec % 60}s`;
};

function findings(ctx: ReplayContext, f: ProcessFacts): Finding[] {
  const out: Finding[] = [];
  const printId = f.domain === 'gui' ? A.launchctlPrintGui.id : A.launchctlPrintSystem.id;
  const disabledId = f.domain === 'gui' ? A.launchctlDisabledGui.id : A.launchctlDisabledSystem.id;
  if (f.launchctlRan) {
    out.push({
      messageId: 'launchdState',
      text: f.registered
        ? `launchd ${f.domain}/${GATEWAY_LABEL}: state ${f.state ?? 'unknown'}, pid ${f.launchdPid ?? 'none'}, runs ${f.runs ?? '?'}, ${f.lastExitCode === null && f.lastSignal !== null ? `last terminating signal ${f.lastSignal}` : `last exit code ${f.lastExitCode ?? 'unknown'}`}`
        : `launchd ${f.domain}/${GATEWAY_LABEL} is not registered`,
      severity: f.registered ? 'info' : 'warn',
      evidence: [{ artifact: printId }],
    });
  }
  if (f.disabled === true) out.push({ messageId: 'launchdDisabled', text: `"${GATEWAY_LABEL}" => disabled in the ${f.domain} domain`, severity: 'error', evidence: [{ artifact: disabledId }] });
  if (f.lastExitCode !== null && !/^(0|\(never exited\))$/.test(f.lastExitCode)) {
    out.push({ messageId: 'lastExitNonZero', text: `launchd last exit code ${f.lastExitCode}${f.runs !== null && f.runs > 1 ? ` after ${f.runs} runs` : ''}`, severity: 'warn', evidence: [{ artifact: printId }] });
  }
  if (f.lastSignal !== null) {
    const loop = /spawn scheduled/i.test(f.state ?? '') ? `; state ${f.state}: launchd keeps relaunching it` : '';
    const fromPrint = lineEvidence(ctx, printId, /^\s*last terminating signal\s*=/i);
    const evidence = fromPrint ? [fromPrint] : f.listJob ? [{ artifact: A.launchctlList.id, line: f.listJob.line }] : [{ artifact: printId }];
    out.push({ messageId: 'lastSignal', text: `launchd: the last run was killed by signal ${f.lastSignal}${f.runs !== null && f.runs > 1 ? ` after ${f.runs} runs` : ''}${loop}`, severity: 'warn', evidence });
  }
  if (f.listJob) {
    const status = f.listJob.status === null ? '-' : String(f.listJob.status);
    const signal = signalOfStatus(f.listJob.status);
    out.push({ messageId: 'launchctlList', text: `launchctl list: ${GATEWAY_LABEL} pid ${f.listJob.pid ?? '-'}, last status ${status}${signal ? ` (${signal})` : ''}`, severity: 'info', evidence: [{ artifact: A.launchctlList.id, line: f.listJob.line }] });
  }
  if (f.psRan) {
    const runtimeText = { legacy: 'legacy daemon.ts is running', slim: 'slim transport-daemon.ts is running', both: 'both legacy daemon.ts and slim transport-daemon.ts are running', none: 'no gateway process in ps', unknown: 'runtime unknown' }[f.runtimesSeen];
    out.push({ messageId: `runtime-${f.runtimesSeen}`, text: `runtime: ${runtimeText}${f.runtimesSeen === 'none' ? '' : ` (pids ${[...f.daemonPids, ...f.transportPids].join(', ')})`}`, severity: f.runtimesSeen === 'both' || f.runtimesSeen === 'none' ? 'warn' : 'info', evidence: [{ artifact: A.ps.id }] });
  }
  if (f.daemonRow && f.daemonRow.elapsedSec !== null) {
    out.push({ messageId: 'uptime', text: `PID ${f.daemonRow.pid} up ${humanDuration(f.daemonRow.elapsedSec)}${f.daemonRow.started ? ` (started ${f.daemonRow.started})` : ''}`, severity: 'info', evidence: [{ artifact: A.ps.id, line: f.daemonRow.line }] });
  }
  if (f.psRan && f.pidFile !== null && f.pidFile !== f.daemonPid) {
    const running = f.daemonRow !== null && String(f.daemonRow.pid) === f.pidFile;
    if (!running) out.push({ messageId: 'pidFileStale', text: `PID file holds ${f.pidFile}, which differs from the daemon's pid ${f.daemonPid}`, severity: 'warn', evidence: [{ artifact: A.pidFile.id }, { artifact: A.ps.id }] });
  }
  const hb = f.heartbeat;
  if (hb.ageSec !== null) {
    const why = hb.excused === 'sleep' ? ' (joelclaw:mode is sleep: the tick is skipped)' : hb.excused === 'startup-grace' ? ' (startup grace: the daemon is younger than 1800 s)' : '';
    out.push({ messageId: hb.stale ? 'heartbeatStale' : 'heartbeat', text: `heartbeat file written ${hb.ageSec}s before capture${why}`, severity: hb.stale ? 'warn' : 'info', evidence: [{ artifact: A.heartbeatFile.id }] });
  } else if (ctx.entry(A.heartbeatFile.id)?.status === 'missing' && f.alive) {
    out.push({ messageId: 'heartbeatMissing', text: 'heartbeat file missing while the daemon runs', severity: 'warn', evidence: [{ artifact: A.heartbeatFile.id }] });
  }
  const plistId = f.domain === 'gui' ? A.launchAgentPlist.id : A.launchDaemonPlist.id;
  const plistText = ctx.absence(plistId) ? undefined : ctx.text(plistId);
  if (plistText !== undefined) {
    const parsed = parseLaunchdPlist(plistText);
    out.push(
      parsed.ok
        ? { messageId: parsed.job.disabled ? 'plistDisabled' : 'plist', text: `plist runs ${parsed.job.program.join(' ') || '(no program)'}, KeepAlive ${parsed.job.keepAlive ?? 'unset'}${parsed.job.disabled ? ', Disabled true' : ''}`, severity: parsed.job.disabled ? 'warn' : 'info', evidence: [{ artifact: plistId }] }
        : { messageId: 'plistUnparseable', text: parsed.error, severity: 'warn', evidence: [{ artifact: plistId }] },
    );
  }
  return out;
}

const layer: Layer = {
  id: 'process',
  seedLayer: 0,
  title: 'Process health (launchd, pid, ps)',
  run(ctx): LayerResult {
    const base = { id: 'process', seedLayer: 0, title: layer.title } as const;
    const f = processFacts(ctx);
    if (!f.psRan && !f.launchctlRan) {
      const reason = `${ctx.absence(A.ps.id) ?? 'cmd/ps has no process rows'}; ${ctx.absence(A.launchctlPrintSystem.id) ?? 'launchctl did not run'}`;
      return { ...base, status: 'unknown', reason, detail: 'neither ps nor launchctl output was collected', findings: [] };
    }
    const found = findings(ctx, f);
    const none = gatewayAbsence(ctx);
    if (none) {
      // Not a daemon that stopped: nothing of the gateway is installed, so say that instead of "not running".
      const text = `no gateway on this machine: ${none.summary} (missing: ${none.missing.join(', ')}); collected on the wrong machine, or before the gateway was installed`;
      return { ...base, status: 'failed', detail: `no gateway on this machine: ${none.summary}`, findings: [...found, { messageId: 'noGateway', text, severity: 'error', evidence: none.evidence }] };
    }
    if (f.alive === null) {
      const reason = `${ctx.absence(A.ps.id) ?? 'cmd/ps has no process rows'}; launchd shows no running pid, so liveness is unknown`;
      return { ...base, status: 'unknown', reason, detail: realProcessRule(f).detail, findings: found };
    }
    const rule = f.launchctlRan ? realProcessRule(f) : withoutLaunchd(f);
    let { status, detail } = rule;
    if (f.heartbeat.stale && status !== 'failed') {
      status = 'degraded';
      detail = `${detail}; heartbeat stale (${f.heartbeat.ageSec}s)`;
    }
    // The hand procedure's "daemon process alive but launchd service missing/disabled -> manual run or launchd
    // drift": a second gateway process beside the one launchd runs (two pollers of one bot token).
    if (f.strayPids.length > 0 && status !== 'failed') {
      status = 'degraded';
      detail = `${detail}; another gateway process runs beside it (pid ${f.strayPids.join(', ')}): manual run or launchd drift`;
    }
    // Under the slim transport a running daemon is half the gateway: the agent loop must be alive too.
    const loop = agentLoop(ctx);
    if (loop?.down && status !== 'failed') {
      status = 'failed';
      detail = `${detail}; the agent loop is down: no gateway:agent:heartbeat and no agent-comms-driver process (only the raw fallback reaches Joel)`;
      found.push({ messageId: 'agentLoopDown', text: 'slim transport runs, but the agent loop does not: gateway:agent:heartbeat is gone and no agent-comms-driver process runs', severity: 'error', evidence: loop.evidence });
    } else if (loop?.heartbeatKey === false) {
      const why = loop.driver ? 'while the driver runs: a blip between refreshes, or a loop that is wedged' : 'and ps was not collected: a blip cannot be told from a dead loop';
      found.push({ messageId: 'agentHeartbeatMissing', text: `gateway:agent:heartbeat was missing at capture ${why}`, severity: 'warn', evidence: loop.evidence });
    }
    return { ...base, status, detail, findings: found };
  },
};

export default layer;

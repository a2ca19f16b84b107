import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { configuredFallback, fallbackFacts, gatewayConfig, liveModel } from './model-facts.js';
import { asRecord } from './parse/health.js';
import { parseLaunchdPlist } from './parse/plist.js';
import { piVersions } from './pi-versions.js';
import { processFacts } from './process-facts.js';
import type { MachineFacts, RestartMarker } from './types.js';

// The machine's plain facts beside the layers' judgement (runtime versions, model, launchd counters, restart
// markers, the plist's program): values two bundles can be compared on (`gwbundle diff`). Every reading
// reuses the parser the layers use; nothing here judges.

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const pid = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);

/** A restart marker (facts §1.9): `{status, reason?, requestedAt, completedAt?, previousPid, newPid?}`. */
function restartMarker(ctx: ReplayContext, id: string): RestartMarker | null {
  const m = ctx.absence(id) ? null : asRecord(ctx.json(id));
  if (!m) return null;
  return {
    status: str(m.status),
    reason: str(m.reason),
    requestedAt: str(m.requestedAt),
    completedAt: str(m.completedAt),
    previousPid: pid(m.previousPid),
    newPid: pid(m.newPid),
  };
}

/** The plist of the launchd domain the process layer chose: program and environment variable names only. */
function plistFacts(ctx: ReplayContext, domain: 'gui' | 'system'): MachineFacts['plist'] {
  const id = domain === 'gui' ? A.launchAgentPlist.id : A.launchDaemonPlist.id;
  const text = ctx.absence(id) ? undefined : ctx.text(id);
  if (text === undefined) return null;
  const parsed = parseLaunchdPlist(text);
  return parsed.ok ? { program: parsed.job.program, environmentNames: parsed.job.environmentKeys } : null;
}

// Why: `gwbundle diff` compares machines on these, and must not re-parse artifacts to do so.
export function machineFacts(ctx: ReplayContext): MachineFacts {
  const p = processFacts(ctx);
  const pi = piVersions(ctx);
  const config = gatewayConfig(ctx);
  return {
    pi: { machine: pi.machine, pinned: pi.pinned },
    model: {
      configured: str(config?.model),
      live: liveModel(ctx)?.model ?? null,
      // Without the config the daemon's default is a guess, not a fact of this machine.
      fallback: config ? configuredFallback(ctx) : null,
      fallbackActive: fallbackFacts(ctx).active,
    },
    launchd: p.registered ? { state: p.state, runs: p.runs, lastExitCode: p.lastExitCode } : null,
    daemon: { pid: p.daemonPid, alive: p.alive, uptimeSec: p.elapsedSec },
    heartbeatAgeSec: p.heartbeat.ageSec,
    restarts: { lifecycle: restartMarker(ctx, A.lifecycleMarker.id), operator: restartMarker(ctx, A.operatorRestartMarker.id) },
    plist: plistFacts(ctx, p.domain),
  };
}

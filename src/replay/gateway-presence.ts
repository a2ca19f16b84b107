import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { processFacts } from './process-facts.js';
import type { Evidence } from './types.js';

// Is the gateway installed on the machine the bundle came from at all? A bundle collected on the wrong
// machine (a laptop that reaches the cluster's Redis, or flagg when the gateway lived on panda) shows no plist,
// no launchd service, no process, no /tmp/joelclaw or ~/.joelclaw files and no /health. Read one source at a
// time it looks half ok (Redis answers, nothing failed to parse); read together it is "no gateway on this
// machine", the way the owner's health check learned to say "not hosted here" for k8s on flagg (joelclaw
// b71f5aa3, 2026-07-14) instead of firing system.fatal every 15 minutes.

/** Files only a machine that runs (or ran since its last boot) the gateway has. */
const GATEWAY_FILES = [
  A.gatewayLog,
  A.gatewayErrLog,
  A.pidFile,
  A.heartbeatFile,
  A.lifecycleMarker,
  A.sessionIdFile,
  A.startScript,
  A.piSettings,
].map((s) => s.id);
const PLISTS = [A.launchAgentPlist.id, A.launchDaemonPlist.id];

/** The artifact was looked for and is not there (not: could not be read, not collected). */
const absent = (ctx: ReplayContext, id: string): boolean => ctx.entry(id)?.status === 'missing';

export interface GatewayAbsence {
  /** One line for details: what was looked for and not found. */
  summary: string;
  /** Artifacts looked for and missing (plists, logs, state files): named in text, not cited. */
  missing: string[];
  evidence: Evidence[];
}

// Why: the process, cli-status and redis layers and the no-gateway scenario must agree on this one reading.
/** Evidence that the gateway is not installed here, or null when any source shows it (or cannot tell). */
export function gatewayAbsence(ctx: ReplayContext): GatewayAbsence | null {
  return ctx.memo('gatewayAbsence', () => {
    const f = processFacts(ctx);
    // Every kind of trace must have been looked for and be missing; an unreadable source proves nothing.
    if (!PLISTS.every((id) => absent(ctx, id))) return null;
    if (!GATEWAY_FILES.every((id) => absent(ctx, id))) return null;
    // An enable/disable override outlives an uninstalled plist, so print-disabled alone does not count.
    if (f.registered) return null;
    if (!f.psRan || f.runtimesSeen !== 'none') return null;
    const health = ctx.entry(A.health.id);
    if (health?.status !== 'error') return null; // refused: nothing listens where the daemon would
    const printId = f.domain === 'gui' ? A.launchctlPrintGui.id : A.launchctlPrintSystem.id;
    // Only what was read is cited (a missing file has nothing to show); the collection notes list the rest.
    const evidence: Evidence[] = [
      ...(f.launchctlRan ? [{ artifact: printId, excerpt: 'launchd knows no com.joel.gateway service' }] : []),
      { artifact: A.ps.id, excerpt: 'no daemon.ts or transport-daemon.ts process' },
      { artifact: A.health.id, excerpt: `/health: ${health.reason ?? health.status}` },
    ];
    const launchd = f.launchctlRan ? ', no launchd service' : '';
    return {
      summary: `no gateway plist${launchd}, no gateway process, no /tmp/joelclaw or ~/.joelclaw files, no /health`,
      missing: [...PLISTS, ...GATEWAY_FILES],
      evidence,
    };
  });
}

import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { processFacts } from './process-facts.js';
import type { Evidence } from './types.js';

// Under the slim transport the gateway is two things: transport-daemon.ts (launchd's com.joel.gateway: pid
// file, tripwire, Telegram ingress, a raw fallback) and the agent loop that decides what Joel hears
// (agent-comms-driver and its session), whose liveness is the Redis key gateway:agent:heartbeat with a 60 s TTL
// (transport-slim.ts:20-35). After the 2026-07-30 reboot the transport came back under launchd and the driver,
// which had no supervisor, did not: every check of the transport was green while nobody answered.
// A key missing for one poll is a blip (the transport itself fell back 185 times on blips, joelclaw 2ee90b1f),
// so the loop is judged down only when the key is gone and no driver process runs either.

const HEARTBEAT_KEY = 'gateway:agent:heartbeat';
const DRIVER = /agent-comms-driver/;

export interface AgentLoop {
  /** The key is in the collected inventory; null when the inventory was not collected. */
  heartbeatKey: boolean | null;
  /** An agent-comms-driver process is in ps; null without ps. */
  driver: boolean | null;
  down: boolean;
  evidence: Evidence[];
}

// Why: the process layer and the agent-loop-down scenario read the loop the same way.
/** The agent loop's liveness under the slim transport, or null when the slim transport is not the runtime. */
export function agentLoop(ctx: ReplayContext): AgentLoop | null {
  return ctx.memo('agentLoop', () => {
    const f = processFacts(ctx);
    if (f.runtime !== 'slim') return null;
    const rows = ctx.absence(A.redisKeyInventory.id) ? null : ctx.json<unknown>(A.redisKeyInventory.id);
    const heartbeatKey = Array.isArray(rows) ? rows.some((r) => (r as { key?: unknown })?.key === HEARTBEAT_KEY) : null;
    const lines = f.psRan ? (ctx.lines(A.ps.id) ?? []) : null;
    const driverLine = lines ? lines.findIndex((l) => DRIVER.test(l)) : -1;
    const driver = lines ? driverLine >= 0 : null;
    const evidence: Evidence[] = [];
    if (heartbeatKey === false) evidence.push({ artifact: A.redisKeyInventory.id, excerpt: `no ${HEARTBEAT_KEY} key (the agent loop refreshes it with a 60 s TTL)` });
    if (driver === false) evidence.push({ artifact: A.ps.id, excerpt: 'no agent-comms-driver process' });
    else if (driver) evidence.push({ artifact: A.ps.id, line: driverLine + 1, excerpt: (lines![driverLine] ?? '').trim().slice(0, 160) });
    return { heartbeatKey, driver, down: heartbeatKey === false && driver === false, evidence };
  });
}

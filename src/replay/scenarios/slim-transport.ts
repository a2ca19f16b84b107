import { A } from '../../bundle/artifacts.js';
import { stdoutFlow } from '../stdout-flow.js';
import { processFacts } from '../process-facts.js';
import type { Scenario } from '../types.js';
import { fired } from './evidence.js';

// Ours, informational: the slim transport (transport-daemon.ts, cut over 2026-07-21) is the live runtime. It
// writes only gateway.pid and last-heartbeat.ts: no /health, ws.port, session file or transcript (facts §0.11,
// §8.10), so layers that read those are skipped, not failing.

const slimTransport: Scenario = {
  id: 'slim-transport',
  title: 'Slim transport runtime is live',
  cause: 'The gateway runs the slim transport-daemon.ts (GATEWAY_TRANSPORT_SLIM_DOWN=1 in the start script), which serves no /health, writes no ws.port, session file or pi transcript; those checks do not apply.',
  fix: [
    'Nothing to fix by itself: judge this gateway by its process, heartbeat, Redis (gateway:agent:heartbeat) and logs (`[gateway:transport]`).',
    'If you expected the legacy daemon.ts (sessions, /health), check `DAEMON=` and GATEWAY_TRANSPORT_SLIM_DOWN in ~/.joelclaw/scripts/gateway-start.sh.',
  ],
  layer: 'process',
  match(ctx) {
    const f = processFacts(ctx);
    const flow = stdoutFlow(ctx);
    const psSlim = f.runtime === 'slim'; // with both running, the one launchd runs is live
    const logSlim = (f.runtimesSeen === 'unknown' || f.runtimesSeen === 'none') && flow?.runtime === 'slim';
    if (!psSlim && !logSlim) return null;
    const rows = psSlim ? (ctx.lines(A.ps.id) ?? []).map((l, i) => ({ l, i })).filter(({ l }) => f.transportPids.some((p) => new RegExp(`^\\s*${p}\\s`).test(l))) : [];
    return fired([
      ...rows.slice(0, 2).map(({ l, i }) => ({ artifact: A.ps.id, line: i + 1, excerpt: l.trim().slice(0, 160) })),
      flow?.runtime === 'slim' && flow.lastStartup ? { artifact: A.gatewayLog.id, line: flow.lastStartup.line, excerpt: flow.lastStartup.text } : null,
    ]);
  },
};

export default slimTransport;

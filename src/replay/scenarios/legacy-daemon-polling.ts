import { A } from '../../bundle/artifacts.js';
import { processFacts } from '../process-facts.js';
import type { Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf } from './evidence.js';

// Ours: a legacy daemon.ts still runs beside the slim transport (or two daemon.ts run at once), so two
// processes poll the same bot token and consume the same Redis queue: 409 conflicts and racing drains.

const legacyDaemonPolling: Scenario = {
  id: 'legacy-daemon-polling',
  title: 'Leftover legacy daemon still running',
  cause: 'A legacy packages/gateway/src/daemon.ts process runs beside the slim transport (or a second daemon.ts runs), so two gateways poll the same Telegram token and drain the same Redis queue.',
  fix: [
    'Find the leftover (the pid cited from ps; its parent is often an old shell, not launchd) and stop it: `kill <pid>`.',
    'Keep exactly one runtime under launchd; confirm `ps -axo pid,ppid,command | grep packages/gateway/src` shows a single gateway.',
    'Check that Telegram 409 conflicts stop afterwards (scenario 4c).',
  ],
  layer: 'process',
  match(ctx) {
    const f = processFacts(ctx);
    if (f.runtimesSeen !== 'both' && f.daemonPids.length < 2) return null;
    const pids = f.runtimesSeen === 'both' ? [...f.daemonPids, ...f.transportPids] : f.daemonPids;
    const rows = (ctx.lines(A.ps.id) ?? []).map((l, i) => ({ l, i })).filter(({ l }) => pids.some((p) => new RegExp(`^\\s*${p}\\s`).test(l)));
    return fired([
      ...rows.slice(0, 4).map(({ l, i }) => ({ artifact: A.ps.id, line: i + 1, excerpt: l.trim().slice(0, 160) })),
      ...hitEvidence(hitsOf(ctx, 'telegram-conflict'), 1),
    ]);
  },
};

export default legacyDaemonPolling;

import { A } from '../../bundle/artifacts.js';
import { HEARTBEAT_STALE_SEC, processFacts } from '../process-facts.js';
import type { Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf } from './evidence.js';

// Ours: the tripwire file's mtime is older than 1800 s (infra/gateway-tripwire.sh, facts §1.9) while the
// daemon is up past its startup grace and Redis mode is not `sleep` (sleep skips the tick on purpose). A dead
// daemon writes no heartbeat either: daemon-down explains that, so this needs a live process.

const heartbeatStale: Scenario = {
  id: 'heartbeat-stale',
  title: 'Heartbeat tripwire stale',
  cause: 'The heartbeat tick (every 15 min) stopped writing /tmp/joelclaw/last-heartbeat.ts while the daemon kept running: the heartbeat loop is wedged or erroring, or the process is hung.',
  fix: [
    'Check gateway.err for `[heartbeat]` warnings (`watchdog alarm: heartbeat overdue`, `local health degraded`) and OTEL `heartbeat.tick`.',
    'If `joelclaw:mode` should be `sleep`, the stale file is expected; otherwise restart the gateway once (`joelclaw gateway restart`) and confirm the file is rewritten within 15 min.',
  ],
  layer: 'process',
  match(ctx) {
    const f = processFacts(ctx);
    const hb = f.heartbeat;
    if (hb.stale !== true || f.alive !== true) return null;
    return fired([
      { artifact: A.heartbeatFile.id, line: 1, excerpt: `written ${hb.ageSec}s before capture (mtime ${hb.mtime ?? 'unknown'}; threshold ${HEARTBEAT_STALE_SEC}s)` },
      f.daemonRow ? { artifact: A.ps.id, line: f.daemonRow.line, excerpt: `pid ${f.daemonRow.pid} up ${f.daemonRow.elapsed ?? '?'}` } : null,
      ...hitEvidence(hitsOf(ctx, 'heartbeat-overdue', 'heartbeat-degraded'), 1),
    ]);
  },
};

export default heartbeatStale;

import { A } from '../../bundle/artifacts.js';
import { processFacts } from '../process-facts.js';
import type { Scenario } from '../types.js';
import { fired, lineEvidence } from './evidence.js';

// Ours: the daemon is alive, but /tmp/joelclaw/gateway.pid names another pid (facts §8.1): a crash (SIGKILL,
// OOM) left the old file and the new start did not overwrite it, or the start script does not `exec` bun.

const stalePidFile: Scenario = {
  id: 'stale-pid-file',
  title: 'Stale PID file',
  cause: "gateway.pid holds a pid that is not the running daemon's: an earlier daemon died without removing it (graceful shutdown removes only its own pid), or the start script does not exec bun so launchd tracks the shell.",
  fix: [
    'Degraded, not fatal: the running daemon is fine. Check that the pid in the file is not running (`ps -p <pid>`).',
    'Restart once (`joelclaw gateway restart`) so the daemon rewrites the file, or write the live pid into /tmp/joelclaw/gateway.pid.',
    'If it recurs after every start, make sure the start script `exec`s bun so launchd\'s pid is the daemon\'s.',
  ],
  layer: 'process',
  match(ctx) {
    const f = processFacts(ctx);
    if (f.alive !== true || f.pidFile === null || f.daemonPid === null || f.pidFile === f.daemonPid) return null;
    const printId = f.domain === 'gui' ? A.launchctlPrintGui.id : A.launchctlPrintSystem.id;
    return fired([
      { artifact: A.pidFile.id, line: 1, excerpt: `pid file: ${f.pidFile}; running daemon: ${f.daemonPid}` },
      f.launchdPid ? lineEvidence(ctx, printId, /^\s*pid\s*=/i) : null,
      f.daemonRow ? { artifact: A.ps.id, line: f.daemonRow.line, excerpt: f.daemonRow.command.slice(0, 160) } : null,
    ]);
  },
};

export default stalePidFile;

import { errHistory } from '../err-history.js';
import { errLogHits } from '../layers/error-log.js';
import type { Scenario } from '../types.js';
import { fired, hitEvidence } from './evidence.js';

// Ours, informational: gateway.err keeps what earlier daemons wrote (no timestamps, never truncated), and these
// records were written before the running daemon started (err-history.ts says how that is known). The owner's
// health monitor read such history as the present and restarted a healthy gateway; its 72 h audit counted
// 2 automatic restarts, both failed, 0 successes, and the autonomous restart was removed (joelclaw ca66a98f).

const historyBeforeRestart: Scenario = {
  id: 'history-before-restart',
  title: 'Error log history from before the last restart',
  cause: 'gateway.err has no timestamps and nothing truncates it, so it still holds failures that earlier daemons wrote. These were written before the running daemon started, and nothing like them since: they are history, not the present. Read as the present, they are the false alarm that made the health monitor restart a healthy gateway.',
  fix: [
    'Nothing to fix for the history itself: judge the gateway by what happened since the restart (the other layers, `response ready` in gateway.log, the transcript).',
    'If the old failures still matter, date them from what has timestamps: /tmp/joelclaw/gateway.lifecycle.json, `joelclaw otel search` around that time, the session transcript.',
    'To start the next incident from a clean log, keep a copy and empty it: `cp /tmp/joelclaw/gateway.err /tmp/joelclaw/gateway.err.old && : > /tmp/joelclaw/gateway.err` (launchd appends, so the daemon keeps writing to it).',
  ],
  layer: 'error-log',
  match(ctx) {
    const h = errHistory(ctx);
    if (!h || h.recentWatchdogRecovery) return null; // a watchdog recovery within the hour is the incident itself
    const past = errLogHits(ctx).history;
    if (past.length === 0) return null;
    return fired([...h.evidence, ...hitEvidence(past, 1)]);
  },
};

export default historyBeforeRestart;

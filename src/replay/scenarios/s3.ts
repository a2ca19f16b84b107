import { A } from '../../bundle/artifacts.js';
import { formatAge } from '../layers/session.js';
import { parseSession } from '../parse/session.js';
import type { Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, otelEvidence, otelOf } from './evidence.js';

// SKILL scenario 3: a tool call (bash, read, ...) hangs while the queue waits for turn_end. The watchdog says
// "session appears stuck" (3 min for human channels, 10 min otherwise, facts §0.10/§8.3), aborts once, and
// restarts after a 90 s grace; or the 5 min idle waiter releases the drain lock instead (no restart).

const s3: Scenario = {
  id: '3',
  title: 'Stuck tool call',
  cause: 'A tool call (bash, read, ...) or the model hung indefinitely while the command queue waited for turn_end, so the watchdog declared the session stuck.',
  fix: [
    'The watchdog aborts the turn once, then self-restarts after a 90 s recovery grace if no turn_end or next prompt arrives (stuck threshold: 3 min for human channels, 10 min otherwise).',
    'If turn_end never arrives but the idle waiter releases after 5 min, expect `watchdog.idle_waiter.timeout` instead (no restart).',
    'If restarts loop, run `joelclaw gateway diagnose --hours 2 --lines 240` and inspect `watchdog.session_stuck.recovery_timeout` telemetry; fix or time-limit the hanging tool (see the transcript line cited).',
  ],
  layer: 'session',
  match(ctx) {
    const hits = hitsOf(ctx, 'watchdog-stuck', 'watchdog-stuck-timeout', 'idle-waiter-timeout');
    const h = parseSession(ctx)?.hanging;
    const hanging = h && h.kind === 'tool' && h.ageMs > h.thresholdMs ? h : null;
    const otel = otelOf(ctx, 'watchdog.session_stuck', 'watchdog.session_stuck.recovery_timeout', 'watchdog.idle_waiter.timeout');
    if (hits.length === 0 && !hanging && otel.length === 0) return null;
    return fired([
      hanging ? { artifact: A.sessionTranscript.id, line: hanging.line, excerpt: `${hanging.waitingOn} since ${hanging.since} (${formatAge(hanging.ageMs)}, threshold ${formatAge(hanging.thresholdMs)})` } : null,
      ...hitEvidence(hits, 2),
      ...otelEvidence(otel, 2),
    ]);
  },
};

export default s3;

import { A } from '../../bundle/artifacts.js';
import { stdoutFlow } from '../stdout-flow.js';
import type { Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, otelEvidence, otelOf } from './evidence.js';
import { heartbeatStarvation } from './heartbeat-starvation.js';
import { compactionRace } from './s5.js';

// SKILL scenario 1: prompts dispatched into a pi session that is still streaming ("Agent is already
// processing"), retried, failing until the watchdog calls the session dead and restarts the daemon. When the
// busy session follows an auto-compaction (scenario 5) or was running a heartbeat prompt (heartbeat-starvation)
// and the watchdog never fired, those explain it better.

const s1: Scenario = {
  id: '1',
  title: 'Streaming race / replay overlap',
  cause:
    'A prompt was dispatched while the pi session was still streaming (turn end, compaction and startup replay overlapping) without follow-up queue behaviour, so prompts failed until the watchdog declared the session dead.',
  fix: [
    'Make sure the command queue dispatches with `session.prompt(..., { streamingBehavior: "followUp" })` (the current daemon does; an old checkout may not).',
    'If failures continue, look for a stalled turn (`watchdog.session_stuck` in OTEL) and abort or restart the gateway once: `joelclaw gateway restart`.',
    'Confirm the failures stopped: no new `watchdog:dead-session` shutdown in gateway.log and no new `Agent is already processing` in gateway.err.',
  ],
  layer: 'error-log',
  match(ctx) {
    const busy = hitsOf(ctx, 'session-busy');
    if (busy.length === 0) return null;
    const retries = hitsOf(ctx, 'streaming-retry');
    const dead = hitsOf(ctx, 'watchdog-dead');
    const deadShutdowns = (stdoutFlow(ctx)?.restarts ?? []).filter((r) => r.signal === 'watchdog:dead-session');
    if (retries.length === 0 && dead.length === 0 && deadShutdowns.length === 0) return null;
    if (dead.length === 0 && deadShutdowns.length === 0 && (compactionRace(ctx) || heartbeatStarvation(ctx))) return null; // scenario 5 / heartbeat-starvation
    return fired([
      ...hitEvidence(busy),
      ...hitEvidence(retries, 1),
      ...hitEvidence(dead, 1),
      ...deadShutdowns.slice(-2).map((r) => ({ artifact: A.gatewayLog.id, line: r.line, excerpt: '[gateway] shutting down (signal watchdog:dead-session)' })),
      ...otelEvidence(otelOf(ctx, 'watchdog.session_dead'), 1),
    ]);
  },
};

export default s1;

import type { Scenario } from '../types.js';
import { countOf, fired, hitEvidence, hitsOf, otelEvidence, otelOf } from './evidence.js';

// SKILL scenario 4a: Redis reconnect churn flushed pending command promises as MaxRetriesPerRequestError, and
// gateway.err floods with "redis command retries exhausted" (at most once per 30 s, facts §6), unhandled
// rejections and OTEL emit timeouts. A couple of retry errors alone is churn, not a storm.

/** Records of retries exhausted that make a flood. */
export const STORM_MIN = 5;

const s4a: Scenario = {
  id: '4a',
  title: 'Redis retry-rejection storm',
  cause: 'Redis reconnect churn made pending commands reject with MaxRetriesPerRequestError (historically mode reads and heartbeat ticks), flooding gateway.err with unhandled rejections.',
  fix: [
    'Verify the transport first: `lsof -iTCP:6379` and `kubectl get pods -n joelclaw redis-0`.',
    'Confirm reconnect stabilised: `[gateway:redis] started` in gateway.log after the flood.',
    'If the flood persists after reconnect, restart the gateway once and check OTEL for fresh `mode.read.failed` / `mode.write.failed` before escalating.',
  ],
  layer: 'error-log',
  match(ctx) {
    const retries = hitsOf(ctx, 'redis-max-retries');
    const otelRetries = otelOf(ctx, 'daemon.redis.max_retries_rejection');
    if (countOf(retries) < STORM_MIN && otelRetries.length < STORM_MIN) return null;
    const rejections = hitsOf(ctx, 'unhandled-rejection');
    const emits = hitsOf(ctx, 'otel-emit-failed');
    const otelSide = otelOf(ctx, 'daemon.unhandled_rejection', 'mode.read.failed', 'mode.write.failed');
    if (rejections.length === 0 && emits.length === 0 && otelSide.length === 0) return null;
    return fired([...hitEvidence(retries, 2), ...hitEvidence(rejections, 1), ...hitEvidence(emits, 1), ...otelEvidence([...otelRetries, ...otelSide].sort((a, b) => a.ms - b.ms), 2)]);
  },
};

export default s4a;

import type { HostDraft } from './draft.js';
import { healthyDraft } from './healthy.js';
import { later, restartedAs } from './later.js';
import { s2aAuthExpired } from './model-family.js';
import { s4aRetryStorm } from './redis-family.js';

// Pairs of captures of one machine for `gwbundle diff` (fixtures/diffs): OLD as a preset shows it, NEW the
// same machine hours later, its daemon restarted once since (a fix, a deploy). NEW is later than every
// restart OLD shows, so the two bundles tell one consistent history.

/** The daemon's pid after the restart between the two captures. */
export const RESTARTED_PID = 5151;

export interface DiffPair {
  /** What happened between the captures, in the owner's words. */
  story: string;
  old: () => HostDraft;
  new: () => HostDraft;
}

/** Redis refuses the collector; the daemon's own /health still says normal (a dead port-forward, a moved Redis). */
function redisUnreachable(): HostDraft {
  const d = restartedAs(later(healthyDraft(), 3), RESTARTED_PID);
  d.redis = 'refused';
  return d;
}

export const DIFF_PAIRS: Record<string, DiffPair> = {
  's2a-then-relogin': {
    story: 'provider auth expired (scenario 2a); the owner ran `/login anthropic`, restarted the gateway and collected again 2 h later',
    old: s2aAuthExpired,
    new: () => restartedAs(later(healthyDraft(), 2), RESTARTED_PID),
  },
  'healthy-then-s4a': {
    story: 'a healthy gateway; a day later, after a restart, a Redis retry-rejection storm (scenario 4a) floods gateway.err',
    old: healthyDraft,
    new: () => restartedAs(later(s4aRetryStorm(), 24), RESTARTED_PID),
  },
  'redis-reachable-then-unreachable': {
    story: 'a healthy gateway; 3 h later the collector cannot reach Redis, so the queue, the durable stream and the config can no longer be seen',
    old: healthyDraft,
    new: redisUnreachable,
  },
};

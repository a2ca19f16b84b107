import pattern from '../../../src/replay/patterns/watchdog-dead.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:watchdog] session appears dead — too many consecutive prompt failures
[gateway:watchdog] initiating self-restart for session recovery`,
    `watchdog: session appears dead (3 consecutive failures)`,
  ],
  ignores: [
    `[gateway] shutting down {
  signal: "watchdog:dead-session",
}`,
    `[heartbeat] local health degraded {
  redis: false,
  consecutiveFailures: 0,
  queueDepth: 3,
}`,
  ],
});

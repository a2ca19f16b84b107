import pattern from '../../../src/replay/patterns/heartbeat-overdue.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[heartbeat] watchdog alarm: heartbeat overdue {
  lastHeartbeatTs: 1795780800000,
  elapsedMs: 2100000,
  thresholdMs: 1800000,
}`,
  ],
  ignores: [
    `[heartbeat] skipped tick (sleep mode)`,
    `[heartbeat] local health degraded {
  redis: false,
  consecutiveFailures: 0,
  queueDepth: 3,
}`,
  ],
});

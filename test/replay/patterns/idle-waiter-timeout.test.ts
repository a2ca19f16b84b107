import pattern from '../../../src/replay/patterns/idle-waiter-timeout.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway] idle waiter timed out — releasing drain lock {
  timeoutMs: 300000,
  promptAgeMs: 301234,
  waitElapsedMs: 300001,
  maintenanceActive: false,
}`,
    `[otel] watchdog.idle_waiter.timeout {
  waitElapsedMs: 300001,
}`,
  ],
  ignores: [
    `[gateway] idle waiter extended for active maintenance {
  extendedByMs: 60000,
  waitElapsedMs: 310000,
}`,
    `[gateway] response ready {
  source: "telegram:123456",
  length: 412,
}`,
  ],
});

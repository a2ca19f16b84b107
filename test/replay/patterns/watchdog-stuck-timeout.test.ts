import pattern from '../../../src/replay/patterns/watchdog-stuck-timeout.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:watchdog] stuck recovery timed out — restarting daemon {
  graceMs: 90000,
  stuckForMs: 280000,
}`,
    `watchdog: stuck recovery timed out`,
  ],
  ignores: [
    `[gateway] shutting down {
  signal: "watchdog:stuck-recovery-timeout",
}`,
    `[gateway:watchdog] session appears stuck — attempting abort {
  stuckForMs: 185000,
  source: "telegram:123456",
  lastPromptAt: "2026-11-27T11:52:00.000Z",
}`,
    `[gateway:watchdog] session recovered after stuck abort`,
  ],
});

import pattern from '../../../src/replay/patterns/context-overflow.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `command-queue: context overflow detected {
  source: "telegram:123456",
  error: "prompt is too long: 212000 tokens > 200000 maximum",
}`,
    `command-queue: compaction insufficient — forcing new session`,
  ],
  ignores: [
    `[gateway:health] context usage moderate {
  percent: 55,
}`,
    `[gateway:health] context elevated — proactive compaction {
  percent: 68,
}`,
  ],
});

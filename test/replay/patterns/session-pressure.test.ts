import pattern from '../../../src/replay/patterns/session-pressure.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:health] context elevated — proactive compaction {
  percent: 68,
}`,
    `[gateway:health] context ceiling — rotating session`,
    `[gateway:health] compaction overdue — forcing compact`,
    `[gateway:health] session age limit reached — creating fresh session`,
  ],
  ignores: [
    `[gateway:health] context usage moderate {
  percent: 55,
}`,
    `[gateway:store] replayed unacked messages into priority queue {
  count: 2,
  indexed: 2,
}`,
  ],
});

import pattern from '../../../src/replay/patterns/mode-read-failed.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[redis] mode read failed — defaulting to active`,
  ],
  ignores: [
    `[redis] gateway mode set to sleep`,
    `[redis] gateway mode set to active`,
  ],
});

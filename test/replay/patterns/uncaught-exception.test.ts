import pattern from '../../../src/replay/patterns/uncaught-exception.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway] uncaught exception {
  error: "TypeError: null is not an object (evaluating 'session.agent')",
  stack: "TypeError: null is not an object (evaluating 'session.agent')\\n    at drain (daemon.ts:2100:12)",
}`,
  ],
  ignores: [
    `[gateway] unhandled rejection {
  reason: "TypeError: undefined is not an object (evaluating 'entry.payload')",
}`,
    `[gateway] exception handlers installed`,
  ],
});

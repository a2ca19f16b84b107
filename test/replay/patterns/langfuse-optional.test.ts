import pattern from '../../../src/replay/patterns/langfuse-optional.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `langfuse-cost: cannot load optional dependency 'langfuse'; telemetry disabled.`,
  ],
  ignores: [
    `[gateway] extensions loaded: gateway, langfuse-cost, slog`,
    `langfuse-cost: flushed 3 generations to langfuse`,
  ],
});

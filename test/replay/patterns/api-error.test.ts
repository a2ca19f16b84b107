import pattern from '../../../src/replay/patterns/api-error.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:fallback] API error detected via message_end {
  reason: "Anthropic rate limit (429)",
  errorMsg: "429 rate_limit_error",
}`,
    `[gateway:fallback] API error detected via message_end {
  reason: "Anthropic overloaded (529)",
  errorMsg: "529 overloaded_error",
}`,
    `[gateway] message_end with error {
  errorMsg: "terminated",
}`,
  ],
  ignores: [
    `[gateway] response ready {
  source: "telegram:123456",
  length: 412,
}`,
    `[gateway] message_end {
  stopReason: "stop",
}`,
  ],
});

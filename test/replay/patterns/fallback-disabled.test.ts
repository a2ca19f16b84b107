import pattern from '../../../src/replay/patterns/fallback-disabled.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:fallback] disabled: primary and fallback models are identical`,
  ],
  ignores: [
    `[gateway:fallback] activated {
  reason: "no streaming tokens after 120s",
  fallback: "openai-codex/gpt-5.4",
  activationCount: 1,
}`,
    `[gateway:fallback] recovered to primary {
  primary: "openai-codex/gpt-5.6-sol",
}`,
  ],
});

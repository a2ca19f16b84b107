import pattern from '../../../src/replay/patterns/fallback-probe-failed.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:fallback] recovery probe failed — staying on fallback {
  error: "Anthropic overloaded (529)",
  errorKind: "overloaded",
  backoffMs: 1200000,
}`,
  ],
  ignores: [
    `[gateway:fallback] recovered to primary {
  primary: "openai-codex/gpt-5.6-sol",
}`,
    `[gateway:fallback] probing primary openai-codex/gpt-5.6-sol`,
  ],
});

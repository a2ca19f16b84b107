import pattern from '../../../src/replay/patterns/model-fallback.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:fallback] activated {
  reason: "no streaming tokens after 120s",
  fallback: "openai-codex/gpt-5.4",
  activationCount: 1,
}`,
    `[gateway:fallback] ⚠️ Gateway falling back to openai-codex/gpt-5.4
Reason: no streaming tokens after 120s
Will probe primary every 10min`,
    `[gateway] model fallback activated: anthropic/claude-opus-4-6 -> openai-codex/gpt-5.4`,
  ],
  ignores: [
    `[gateway:fallback] recovered to primary {
  primary: "openai-codex/gpt-5.6-sol",
}`,
    `[gateway:fallback] ✅ Gateway recovered to primary model: openai-codex/gpt-5.6-sol`,
    `[gateway:fallback] prompt dispatched, starting timeout watch {
  timeoutMs: 120000,
  fallback: "openai-codex/gpt-5.4",
}`,
    `[gateway:fallback] disabled: primary and fallback models are identical`,
  ],
});

import pattern from '../../../src/replay/patterns/model-timeout.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:fallback] timeout — no tokens received {
  timeoutMs: 120000,
  promptDispatchedAt: "2026-11-27T11:40:00.000Z",
}`,
    `[gateway:fallback] activated {
  reason: "no streaming tokens after 120s",
  fallback: "openai-codex/gpt-5.4",
  activationCount: 1,
}`,
    `[gateway] no streaming tokens after 90s — aborting prompt`,
  ],
  ignores: [
    `[gateway:fallback] timeout timer fired {
  elapsedMs: 120001,
}`,
    `[gateway:fallback] activated {
  reason: "3 consecutive prompt failures",
  fallback: "openai-codex/gpt-5.4",
  activationCount: 2,
}`,
    `[gateway:fallback] prompt dispatched, starting timeout watch {
  timeoutMs: 120000,
  fallback: "openai-codex/gpt-5.4",
}`,
  ],
});

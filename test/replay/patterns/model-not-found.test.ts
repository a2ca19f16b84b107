import pattern from '../../../src/replay/patterns/model-not-found.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:fallback] fallback model not found {
  fallback: "openai-codex/gpt-5.4",
}`,
    `[gateway:fallback] pi model not found: openai-codex/gpt-5.6-sol`,
  ],
  ignores: [
    `[gateway] daemon started {
  pid: 41234,
  sessionId: "0c9e4a52-1f1e-4c55-9d7e-5f2a4a1b2c3d",
  model: "openai-codex/gpt-5.6-sol",
  cwd: "/Users/joel/.joelclaw/gateway",
  channels: [ "telegram", "redis" ],
  wsPort: 3018,
}`,
    `[gateway] model set to openai-codex/gpt-5.4 (found in registry)`,
  ],
});

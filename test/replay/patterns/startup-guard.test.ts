import pattern from '../../../src/replay/patterns/startup-guard.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway] missing required context-local extension at /Users/joel/.joelclaw/gateway/.pi/extensions/gateway`,
    `[gateway] global extension detected at /Users/joel/.pi/agent/extensions/gateway — refusing to start`,
    `agent-secrets did not become ready within 60 seconds`,
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
    `[gateway] extensions loaded: gateway (context-local)`,
  ],
});

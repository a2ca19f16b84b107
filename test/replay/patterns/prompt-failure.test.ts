import pattern from '../../../src/replay/patterns/prompt-failure.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `command-queue: prompt failed {
  source: "telegram:123456",
  consecutiveFailures: 3,
  error: 936 |       throw new Error(\`Authentication failed for "\${provider}". Credentials may have expired or network is unavailable. Run '/login \${provider}' to re-authenticate.\`);
                     ^
error: Authentication failed for "anthropic". Credentials may have expired or network is unavailable. Run '/login anthropic' to re-authenticate.
      at prompt (/Users/joel/.bun/install/cache/@mariozechner/pi-coding-agent@0.70.2/dist/core/agent-session.js:936:19)
,
}`,
    `command-queue: prompt failed {
  source: "telegram:123456",
  consecutiveFailures: 1,
  error: 907 |       throw new Error("Agent is already processing. Specify streamingBehavior ('steer' or 'followUp') to queue the message.");
                     ^
error: Agent is already processing. Specify streamingBehavior ('steer' or 'followUp') to queue the message.
      at prompt (/Users/joel/.bun/install/cache/@mariozechner/pi-coding-agent@0.70.2/dist/core/agent-session.js:907:19)
,
}`,
    `command-queue: prompt failed consecutiveFailures=2 Error: terminated`,
  ],
  captures: { 0: 'consecutiveFailures: 3', 1: 'consecutiveFailures: 1', 2: 'consecutiveFailures: 2' },
  ignores: [
    `command-queue: session still streaming, retrying {
  attempt: 1,
  source: "telegram:123456",
  delayMs: 2000,
}`,
    `  consecutiveFailures: 3,
  error: "terminated",
}`,
    `[gateway] tool call failed {
  tool: "bash",
  exitCode: 1,
}`,
  ],
});

import pattern from '../../../src/replay/patterns/streaming-retry.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `command-queue: session still streaming, retrying {
  attempt: 1,
  source: "telegram:123456",
  delayMs: 2000,
}`,
    `command-queue: session still streaming, retrying (attempt 2)`,
  ],
  ignores: [
    `[gateway:redis] scheduling reconnect in 5000ms (attempt 1)`,
    `[gateway] response ready {
  source: "telegram:123456",
  length: 412,
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
  ],
});

import pattern from '../../../src/replay/patterns/redis-max-retries.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway] redis command retries exhausted {
  suppressedInWindow: 4,
  message: "Reached the max retries per request limit (which is 20). Refer to \\"maxRetriesPerRequest\\" option for details.",
}`,
    `MaxRetriesPerRequestError: Reached the max retries per request limit (which is 20). Refer to "maxRetriesPerRequest" option for details.
      at flushQueue (/Users/joel/Code/joelhooks/joelclaw/node_modules/ioredis/built/redis/event_handler.js:182:30)`,
  ],
  ignores: [
    `[gateway:redis] scheduling reconnect in 5000ms (attempt 1)`,
    `[gateway:redis] started {
  sessionId: "gateway",
  channels: [ "joelclaw:notify:gateway" ],
  list: "joelclaw:events:gateway",
}`,
  ],
});

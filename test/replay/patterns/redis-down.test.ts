import pattern from '../../../src/replay/patterns/redis-down.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:redis] initial connect failed — will retry {
  error: 1 | (function (exports, require, module) {
             ^
error: connect ECONNREFUSED 127.0.0.1:6379
  code: "ECONNREFUSED",
      at <anonymous> (node:net:1555:16)
,
}`,
    `[ioredis] Unhandled error event: Error: connect ECONNREFUSED 127.0.0.1:6379`,
    `Redis connection failed: connect ECONNREFUSED`,
  ],
  ignores: [
    `[gateway:otel] emit request failed {
  component: "redis-channel",
  action: "redis.reconnect",
  error: "connect ECONNREFUSED 127.0.0.1:8108",
}`,
    `[gateway] tool call failed {
  tool: "web_fetch",
  error: "connect ECONNREFUSED 127.0.0.1:3000",
}`,
    `[gateway:redis] started {
  sessionId: "gateway",
  channels: [ "joelclaw:notify:gateway" ],
  list: "joelclaw:events:gateway",
}`,
  ],
});

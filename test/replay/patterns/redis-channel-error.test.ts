import pattern from '../../../src/replay/patterns/redis-channel-error.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:redis] subscriber error {
  error: "Connection is closed.",
}`,
    `[gateway:redis] command error {
  error: "Stream isn't writeable and enableOfflineQueue options is false",
}`,
    `[gateway:redis] command client disconnected — will reconnect`,
    `[gateway:redis] initial connect failed — will retry {
  error: 1 | (function (exports, require, module) {
             ^
error: connect ECONNREFUSED 127.0.0.1:6379
  code: "ECONNREFUSED",
      at <anonymous> (node:net:1555:16)
,
}`,
    `[gateway:redis] 7 errors suppressed in the last 60s`,
  ],
  ignores: [
    `[gateway:redis] scheduling reconnect in 5000ms (attempt 1)`,
    `[gateway:redis] started {
  sessionId: "gateway",
  channels: [ "joelclaw:notify:gateway" ],
  list: "joelclaw:events:gateway",
}`,
    `[redis] mode read failed — defaulting to active`,
  ],
});

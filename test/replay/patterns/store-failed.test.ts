import pattern from '../../../src/replay/patterns/store-failed.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:store] persist failed — message kept in memory only {
  error: "Connection is closed.",
}`,
    `[gateway:store] replay failed {
  error: "NOGROUP No such key 'joelclaw:gateway:messages'",
}`,
  ],
  ignores: [
    `[gateway:store] replayed unacked messages into priority queue {
  count: 2,
  indexed: 2,
}`,
    `[gateway:store] persisted inbound message {
  streamId: "1795780800000-0",
  source: "telegram:123456",
  priority: "P1",
}`,
    `[gateway:store] no messages to replay on startup`,
  ],
});

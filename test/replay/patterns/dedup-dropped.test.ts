import pattern from '../../../src/replay/patterns/dedup-dropped.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[command-queue] dropped consecutive duplicate {
  source: "telegram:123456",
  streamId: "1795780800000-0",
  promptPreview: "hey are you there",
}`,
    `[gateway:store] dropped duplicate inbound message {
  source: "telegram:123456",
}`,
  ],
  ignores: [
    `[command-queue] dropped superseded entry`,
    `[gateway:store] persisted inbound message {
  streamId: "1795780800000-0",
  source: "telegram:123456",
  priority: "P1",
}`,
  ],
});

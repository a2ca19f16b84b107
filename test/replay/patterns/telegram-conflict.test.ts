import pattern from '../../../src/replay/patterns/telegram-conflict.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:telegram] polling error {
  error: "Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running)",
}`,
    `GrammyError: Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running)`,
    `[telegram] telegram.channel.start_failed {
  conflict: true,
  attempt: 2,
}`,
  ],
  ignores: [
    `[gateway:telegram] message received {
  chatId: 123456,
  text: "getUpdates is noisy today",
}`,
    `GrammyError: Call to 'sendMessage' failed! (429: Too Many Requests: retry after 5)`,
    `[telegram] telegram.channel.start_failed {
  conflict: false,
  error: "ETIMEDOUT",
}`,
  ],
});

import pattern from '../../../src/replay/patterns/self-restart.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:watchdog] initiating self-restart for session recovery`,
    `[gateway] uncaught exception {
  error: 5840 |   await flushAll();
                  ^
error: flush timed out
      at flushAll (/Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts:5790:9)
      at gracefulShutdown (/Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts:5840:11)
,
}`,
  ],
  ignores: [
    `[gateway] shutting down {
  signal: "SIGTERM",
}`,
    `[gateway:watchdog] session recovered after stuck abort`,
  ],
});

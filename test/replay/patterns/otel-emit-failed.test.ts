import pattern from '../../../src/replay/patterns/otel-emit-failed.js';
import { testPattern } from '../../helpers/pattern-tester.js';

// Real-shaped bun records (facts §1.1, §6) as matches; near misses that share words or prefixes as ignores.

testPattern(pattern, {
  matches: [
    `[gateway:otel] emit request failed {
  component: "daemon",
  action: "message.received",
  error: "TimeoutError: The operation timed out.",
}`,
    `[gateway:otel] emit failed {
  status: 503,
  component: "daemon",
  action: "response.generated",
}`,
    `OTEL emit request failed: TimeoutError: The operation timed out.`,
  ],
  ignores: [
    `[gateway:otel] emitter ready {
  url: "http://localhost:3111/otel",
}`,
    `[gateway:fallback] recovery probe failed — staying on fallback {
  error: "Anthropic overloaded (529)",
  errorKind: "overloaded",
  backoffMs: 1200000,
}`,
  ],
});

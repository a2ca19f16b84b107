import { A } from '../../bundle/artifacts.js';
import type { LogRecord, Pattern } from '../types.js';

// `command-queue: prompt failed {source, consecutiveFailures, error}` (command-queue.ts:1176). Bun prints the
// object over several lines, so the real diagnose's `prompt failed.*consecutiveFailures` never matches one
// physical line (facts §0.6); on the grouped record it does, and the count is worth showing.

const PROMPT_FAILED = /prompt failed/i;
const CONSECUTIVE = /consecutiveFailures["']?\s*[:=]\s*(\d+)/i;

/** "consecutiveFailures: N" from the record, when the record still carries the property (a cut tail may not). */
function consecutiveFailures(record: LogRecord): string | undefined {
  const n = CONSECUTIVE.exec(record.text)?.[1];
  return n === undefined ? undefined : `consecutiveFailures: ${n}`;
}

/** Catalog row `prompt-failure`: the head says `prompt failed`, the body (or the old one-line shape) the count. */
const promptFailure: Pattern = {
  id: 'prompt-failure',
  label: 'prompt-failure',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'A prompt failed; consecutiveFailures says how many in a row (3 makes the watchdog call the session dead)',
  rootCause: 'Check the model API (auth, rate limit, outage) and the session state; the `error:` line names the thrower',
  diagnoseLabel: 'prompt-failure',
  match: (record) =>
    PROMPT_FAILED.test(record.head) && (/^command-queue:/i.test(record.head) || CONSECUTIVE.test(record.text)),
  capture: consecutiveFailures,
};

export default promptFailure;

import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `command-queue: session still streaming, retrying {attempt, source, delayMs: 2000}`, at most 2 per prompt (facts §6).

const STILL_STREAMING = /session still streaming,? retrying/i;

/** Catalog row `streaming-retry`: matched against the whole grouped record. */
const streamingRetry: Pattern = {
  id: 'streaming-retry',
  label: 'streaming-retry',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The drain loop retried a prompt because the session was still streaming (3 attempts, 2 s apart)',
  rootCause: 'A turn is taking longer than expected',
  diagnoseLabel: 'streaming-retry',
  match: (record) => STILL_STREAMING.test(record.head),
};

export default streamingRetry;

import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// The message store's stderr lines `persist failed…` (command-queue.ts:560) and `replay failed` (1256): a message
// may not survive a restart.

const STORE_FAILED = /\bpersist failed|\breplay failed/i;

/** Catalog row `store-failed`: matched against the whole grouped record. */
const storeFailed: Pattern = {
  id: 'store-failed',
  label: 'store-failed',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The durable message store could not persist or replay a message',
  rootCause: 'Redis stream writes failing (Redis down or flapping)',
  match: (record) => STORE_FAILED.test(record.head),
};

export default storeFailed;

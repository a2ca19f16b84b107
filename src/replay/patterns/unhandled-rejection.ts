import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway] unhandled rejection {reason}` (daemon.ts:5992): the daemon survives it, so it is a warning.

const UNHANDLED_REJECTION = /\[gateway\]\s+unhandled (promise )?rejection/i;

/** Catalog row `unhandled-rejection`: matched against the whole grouped record. */
const unhandledRejection: Pattern = {
  id: 'unhandled-rejection',
  label: 'unhandled-rejection',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'A promise rejected with no handler; the daemon logged it and carried on',
  rootCause: 'A bug on an async path (Redis churn is folded into redis-max-retries instead)',
  match: (record) => UNHANDLED_REJECTION.test(record.head),
};

export default unhandledRejection;

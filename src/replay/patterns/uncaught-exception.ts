import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway] uncaught exception {error, stack}` (daemon.ts:5935): a thrown error no code caught.

const UNCAUGHT_EXCEPTION = /\[gateway\]\s+uncaught exception/i;

/** Catalog row `uncaught-exception`: matched against the whole grouped record. */
const uncaughtException: Pattern = {
  id: 'uncaught-exception',
  label: 'uncaught-exception',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'An exception escaped every handler',
  rootCause: 'A daemon bug; the stack in the record names the thrower',
  match: (record) => UNCAUGHT_EXCEPTION.test(record.head),
};

export default uncaughtException;

import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway:watchdog] session appears stuck — attempting abort {…}` (daemon.ts:5595, facts §1.1).

const APPEARS_STUCK = /session appears stuck/i;

/** Catalog row `watchdog-stuck`: matched against the whole grouped record. */
const watchdogStuck: Pattern = {
  id: 'watchdog-stuck',
  label: 'watchdog-stuck',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'No turn end for the stuck threshold (3 min human channels, 10 min internal) while the idle waiter is pending',
  rootCause: 'A hung tool call or a model hang',
  diagnoseLabel: 'watchdog-stuck',
  match: (record) => APPEARS_STUCK.test(record.head),
};

export default watchdogStuck;

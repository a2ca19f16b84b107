import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway:watchdog] session appears dead — too many consecutive prompt failures` (daemon.ts:5632).

const APPEARS_DEAD = /session appears dead/i;

/** Catalog row `watchdog-dead`: matched against the whole grouped record. */
const watchdogDead: Pattern = {
  id: 'watchdog-dead',
  label: 'watchdog-dead',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: '3 or more consecutive prompt failures',
  rootCause: 'Triggers a self-restart through graceful shutdown; find the failing prompts (model API, auth)',
  diagnoseLabel: 'watchdog-dead',
  match: (record) => APPEARS_DEAD.test(record.head),
};

export default watchdogDead;

import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `gracefulShutdown` only appears as a stack-frame name (`at gracefulShutdown (…daemon.ts…)`), and the watchdog
// says `initiating self-restart for session recovery` (daemon.ts:5649) (facts §6).

const SELF_RESTART = /gracefulShutdown|initiating self-restart/i;

/** Catalog row `self-restart`: matched against the whole grouped record. */
const selfRestart: Pattern = {
  id: 'self-restart',
  label: 'self-restart',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The daemon restarted itself',
  rootCause: 'A watchdog recovery (stuck or dead session) or a fatal error path',
  diagnoseLabel: 'self-restart',
  match: (record) => SELF_RESTART.test(record.text),
};

export default selfRestart;

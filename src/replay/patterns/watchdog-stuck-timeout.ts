import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway:watchdog] stuck recovery timed out — restarting daemon {…}` (daemon.ts:5528), followed in gateway.log by
// `[gateway] shutting down {signal: "watchdog:stuck-recovery-timeout"}`.

const STUCK_RECOVERY_TIMEOUT = /stuck recovery timed out/i;

/** Catalog row `watchdog-stuck-timeout`: matched against the whole grouped record. */
const watchdogStuckTimeout: Pattern = {
  id: 'watchdog-stuck-timeout',
  label: 'watchdog-stuck-timeout',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The abort did not recover the session within the 90 s grace',
  rootCause: 'Triggers a self-restart through graceful shutdown',
  diagnoseLabel: 'watchdog-stuck-timeout',
  match: (record) => STUCK_RECOVERY_TIMEOUT.test(record.head),
};

export default watchdogStuckTimeout;

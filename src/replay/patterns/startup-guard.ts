import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// Startup refusals: `[gateway] missing required context-local extension …`, `[gateway] global extension detected …`
// (daemon.ts:222-240) and gateway-daemon.sh's `agent-secrets did not become ready within 60 seconds` (facts §1.6, §1.8).

const STARTUP_GUARD = /missing required context-local extension|global extension detected|agent-secrets did not become ready/i;

/** Catalog row `startup-guard`: matched against the whole grouped record. */
const startupGuard: Pattern = {
  id: 'startup-guard',
  label: 'startup-guard',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The daemon refused to start',
  rootCause: 'Extension layout wrong (~/.joelclaw/gateway/.pi/extensions/gateway missing or ~/.pi/agent/extensions/gateway present) or agent-secrets not ready',
  match: (record) => STARTUP_GUARD.test(record.head),
};

export default startupGuard;

import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway:fallback] disabled: primary and fallback models are identical` (controller.ts:158): the controller
// turns itself off, so a primary outage has nowhere to go.

const DISABLED = /\[gateway:fallback\]\s+disabled\b/i;

/** Catalog row `fallback-disabled`: a configuration smell rather than an outage. */
const fallbackDisabled: Pattern = {
  id: 'fallback-disabled',
  label: 'fallback-disabled',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The model fallback controller is off',
  rootCause: 'Primary and fallback models are configured to the same model',
  match: (record) => DISABLED.test(record.head),
};

export default fallbackDisabled;

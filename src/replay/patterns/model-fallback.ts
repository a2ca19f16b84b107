import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// The controller warns `[gateway:fallback] activated {reason, fallback, activationCount}` to gateway.err; the
// daemon logs the notify text `[gateway:fallback] ⚠️ Gateway falling back to <p/m>` to gateway.log; older builds
// wrote `fallback activated` (the real diagnose's regex, which no longer matches) (facts §0.6-7, §6).

const ACTIVATED = /\[gateway:fallback\]\s+activated\b|\bfallback activated\b|Gateway falling back to/i;

/** Catalog row `model-fallback`: matched against the whole grouped record. */
const modelFallback: Pattern = {
  id: 'model-fallback',
  label: 'model-fallback',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id, A.gatewayLog.id],
  meaning: 'A model timeout or consecutive failures swapped the session to the fallback model',
  rootCause: 'The primary model API is down, slow or rejecting credentials',
  diagnoseLabel: 'model-fallback',
  match: (record) => ACTIVATED.test(record.head),
};

export default modelFallback;

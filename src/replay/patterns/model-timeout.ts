import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway:fallback] timeout — no tokens received {…}` then the `reason: "no streaming tokens after 120s"` line of
// the `[gateway:fallback] activated` record, both in gateway.err (facts §6, controller.ts:326-330).

const NO_TOKENS = /no streaming tokens after \d+\s*s|timeout\s*[—–-]+\s*no tokens received/i;

/** Catalog row `model-timeout`: matched against the whole grouped record. */
const modelTimeout: Pattern = {
  id: 'model-timeout',
  label: 'model-timeout',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'A prompt was dispatched but no token came back within the timeout',
  rootCause: 'Model API latency or outage, or the session was not ready',
  diagnoseLabel: 'model-timeout',
  match: (record) => NO_TOKENS.test(record.text),
};

export default modelTimeout;

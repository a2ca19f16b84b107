import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway:fallback] fallback model not found` / `pi model not found: <p>/<m>` (daemon.ts:5036-5038), the hand
// procedure's scenario 2b (pi version skew); also a provider's plain `model not found`.

const MODEL_NOT_FOUND = /model not found/i;

/** Catalog row `model-not-found`: matched against the whole grouped record. */
const modelNotFound: Pattern = {
  id: 'model-not-found',
  label: 'model-not-found',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The configured primary or fallback model is unknown to pi',
  rootCause: 'pi version skew (the installed pi predates the model) or a typo in the model config',
  match: (record) => MODEL_NOT_FOUND.test(record.text),
};

export default modelNotFound;

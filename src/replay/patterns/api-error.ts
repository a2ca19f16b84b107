import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway:fallback] API error detected via message_end {reason: "Anthropic rate limit (429)" | "… overloaded (529)"}`
// (daemon.ts:3947) and `[gateway] message_end with error {errorMsg}` (3981).

const API_ERROR = /API error detected via message_end|message_end with error/i;

/** Catalog row `api-error`: matched against the whole grouped record. */
const apiError: Pattern = {
  id: 'api-error',
  label: 'api-error',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The model API answered a turn with an error (rate limit 429, overloaded 529, …)',
  rootCause: 'Provider rate limiting or overload',
  match: (record) => API_ERROR.test(record.head),
};

export default apiError;

import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// pi throws `Authentication failed for "<provider>". Credentials may have expired…`; it appears as an `error:`
// line inside a `command-queue: prompt failed` record (facts §6). Any provider, not only anthropic.

/** The provider may be quoted, or quoted and escaped when bun prints the message inside a string property. */
const AUTH_FAILED = /Authentication failed for \\?["'`]?[\w.-]+/i;

/** Catalog row `auth-failed`: matched against the whole grouped record. */
const authFailed: Pattern = {
  id: 'auth-failed',
  label: 'auth-failed',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The prompt was rejected before the model stream started',
  rootCause: 'Provider OAuth expired or missing (`/login <provider>` needed)',
  match: (record) => AUTH_FAILED.test(record.text),
};

export default authFailed;

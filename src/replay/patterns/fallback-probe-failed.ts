import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway:fallback] recovery probe failed — staying on fallback {error, errorKind, backoffMs}` (controller.ts:559).

const PROBE_FAILED = /recovery probe failed/i;

/** Catalog row `fallback-probe-failed`: matched against the whole grouped record. */
const fallbackProbeFailed: Pattern = {
  id: 'fallback-probe-failed',
  label: 'fallback-probe-failed',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The primary model is still failing its recovery probe, so the session stays on the fallback',
  rootCause: 'The primary model API is still down or credentials are still invalid (see errorKind)',
  match: (record) => PROBE_FAILED.test(record.head),
};

export default fallbackProbeFailed;

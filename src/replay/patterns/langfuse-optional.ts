import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `langfuse-cost: cannot load optional dependency 'langfuse'; telemetry disabled.` from the pi extension
// (pi/extensions/langfuse-cost/index.ts:414). Observability only: never a delivery blocker.

const LANGFUSE_OPTIONAL = /cannot load optional dependency ['"`]?langfuse|langfuse-cost:.*optional dependency/i;

/** Catalog row `langfuse-optional`: matched against the whole grouped record. */
const langfuseOptional: Pattern = {
  id: 'langfuse-optional',
  label: 'langfuse-optional',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The pi extension could not load its optional langfuse dependency',
  rootCause: 'Observability degraded only, not a delivery blocker; secondary unless tracing is required',
  match: (record) => LANGFUSE_OPTIONAL.test(record.head),
};

export default langfuseOptional;

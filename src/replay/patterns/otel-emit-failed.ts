import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// The gateway writes `[gateway:otel] emit request failed {component, action, error}` (emitter.ts:146) and
// `[gateway:otel] emit failed {status, …}` (137); only the CLI says `OTEL emit request failed: …` (facts §6).

const EMIT_FAILED = /\[gateway:otel\]\s+emit (request )?failed|OTEL emit request failed/i;

/** Catalog row `otel-emit-failed`: matched against the whole grouped record. */
const otelEmitFailed: Pattern = {
  id: 'otel-emit-failed',
  label: 'otel-emit-failed',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'A telemetry event could not be delivered',
  rootCause: 'Typesense unreachable: k8s port-forward or Typesense pod issue (secondary)',
  diagnoseLabel: 'otel-timeout',
  match: (record) => EMIT_FAILED.test(record.head),
};

export default otelEmitFailed;

import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// pi throws "Agent is already processing. Specify streamingBehavior…"; after 3 queue retries it lands as an
// `error:` line inside the `command-queue: prompt failed {` record (facts §6).

const AGENT_BUSY = /Agent is already processing/i;

/** Catalog row `session-busy`: matched against the whole grouped record. */
const sessionBusy: Pattern = {
  id: 'session-busy',
  label: 'session-busy',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The command queue prompted the session while it was still streaming',
  rootCause: 'The queue is not using follow-up behaviour while streaming, or the session is genuinely wedged',
  diagnoseLabel: 'session-busy',
  match: (record) => AGENT_BUSY.test(record.text),
};

export default sessionBusy;

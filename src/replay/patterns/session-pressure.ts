import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// The per-turn health check warns `[gateway:health] context elevated — proactive compaction` (>65%), `context
// ceiling — rotating session` (>75%), `compaction overdue — forcing compact` (>4 h) and `session age limit reached —
// creating fresh session` (>8 h) to gateway.err (daemon.ts:4296-4499). `context usage moderate` goes to
// gateway.log and is not a warning.

const PRESSURE = /context elevated|context ceiling|compaction overdue|session age limit reached/i;

/** Catalog row `session-pressure`: the same signal as the real diagnose's session-pressure layer. */
const sessionPressure: Pattern = {
  id: 'session-pressure',
  label: 'session-pressure',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The session crossed a context or age threshold and the gateway compacted or rotated it',
  rootCause: 'Long-lived session: context above 65%/75%, no compaction for 4 h, or older than 8 h',
  match: (record) => PRESSURE.test(record.head),
};

export default sessionPressure;

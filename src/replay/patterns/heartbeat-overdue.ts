import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[heartbeat] watchdog alarm: heartbeat overdue {lastHeartbeatTs, elapsedMs, thresholdMs}` (heartbeat.ts:198).

const HEARTBEAT_OVERDUE = /heartbeat overdue/i;

/** Catalog row `heartbeat-overdue`: matched against the whole grouped record. */
const heartbeatOverdue: Pattern = {
  id: 'heartbeat-overdue',
  label: 'heartbeat-overdue',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The 15-minute heartbeat tick is late',
  rootCause: 'The event loop was blocked or the process was suspended (sleep, CPU starvation)',
  match: (record) => HEARTBEAT_OVERDUE.test(record.head),
};

export default heartbeatOverdue;

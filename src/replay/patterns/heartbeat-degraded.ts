import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[heartbeat] local health degraded` (heartbeat.ts:180): the Redis channel is unhealthy, 3+ consecutive prompt
// failures, or more than 2 queued (facts §8.8).

const LOCAL_DEGRADED = /\[heartbeat\]\s+local health degraded/i;

/** Catalog row `heartbeat-degraded`: the heartbeat's own summary of the daemon's health. */
const heartbeatDegraded: Pattern = {
  id: 'heartbeat-degraded',
  label: 'heartbeat-degraded',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The heartbeat tick found the daemon unhealthy',
  rootCause: 'Redis channel unhealthy, 3+ consecutive prompt failures, or queue depth above 2',
  match: (record) => LOCAL_DEGRADED.test(record.head),
};

export default heartbeatDegraded;

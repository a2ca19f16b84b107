import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[gateway] idle waiter timed out — releasing drain lock {…}` (daemon.ts:2020); `watchdog.idle_waiter.timeout` is
// the OTEL name of the same event, matched too in case it is ever printed (facts §6).

const IDLE_WAITER_TIMEOUT = /idle waiter timed out|watchdog\.idle_waiter\.timeout/i;

/** Catalog row `idle-waiter-timeout`: matched against the whole grouped record. */
const idleWaiterTimeout: Pattern = {
  id: 'idle-waiter-timeout',
  label: 'idle-waiter-timeout',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The turn end never arrived within the 5-minute idle safety valve',
  rootCause: 'The drain lock was released and a stale stuck state cleared; look for a hung turn just before',
  match: (record) => IDLE_WAITER_TIMEOUT.test(record.head),
};

export default idleWaiterTimeout;

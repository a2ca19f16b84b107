import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// ioredis's `Reached the max retries per request limit` (MaxRetriesPerRequestError), folded by the daemon into
// `[gateway] redis command retries exhausted {suppressedInWindow, message}` (daemon.ts:5947-5989).

const MAX_RETRIES = /Reached the max retries per request limit|MaxRetriesPerRequestError|redis command retries exhausted/i;

/** Catalog row `redis-max-retries`: matched against the whole grouped record. */
const redisMaxRetries: Pattern = {
  id: 'redis-max-retries',
  label: 'redis-max-retries',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The Redis command queue was flushed after reconnect churn',
  rootCause: 'Transport flap between the gateway and Redis (localhost:6379 forward); unhandled promise path in mode/tick calls',
  match: (record) => MAX_RETRIES.test(record.text),
};

export default redisMaxRetries;

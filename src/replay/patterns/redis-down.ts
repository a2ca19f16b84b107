import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `Redis connection failed`, or `ECONNREFUSED` inside a Redis-related record such as `[gateway:redis] initial connect
// failed — will retry` with its ioredis dump (facts §6). A refused Typesense/OTEL call is not Redis.

const REDIS_FAILED = /Redis connection failed/i;
const REFUSED = /ECONNREFUSED/i;
const REDIS_RELATED = /redis|:6379\b/i;
/** The OTEL emitter names components such as redis-channel while its refused call went to Typesense. */
const OTEL_RECORD = /^\[gateway:otel\]/i;

/** Catalog row `redis-down`: matched against the whole grouped record. */
const redisDown: Pattern = {
  id: 'redis-down',
  label: 'redis-down',
  severity: 'error',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The gateway could not reach Redis',
  rootCause: 'Redis pod down or the localhost:6379 port-forward broken (check the substrate layer)',
  diagnoseLabel: 'redis-down',
  match: (record) =>
    REDIS_FAILED.test(record.text) ||
    (REFUSED.test(record.text) && REDIS_RELATED.test(record.text) && !OTEL_RECORD.test(record.head)),
};

export default redisDown;

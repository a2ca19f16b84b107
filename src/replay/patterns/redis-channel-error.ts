import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// The Redis channel's stderr lines: `[gateway:redis] subscriber|command error {error}`, `… disconnected — will
// reconnect`, `… initial connect failed — will retry`, `… errors suppressed` (channels/redis.ts).

const CHANNEL_ERROR = /\[gateway:redis\].*(subscriber error|command error|disconnected\s*[—–-]+\s*will reconnect|initial connect failed|errors suppressed)/i;

/** Catalog row `redis-channel-error`: matched against the whole grouped record. */
const redisChannelError: Pattern = {
  id: 'redis-channel-error',
  label: 'redis-channel-error',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The Redis event bridge lost or could not open its connection',
  rootCause: 'Redis or its port-forward flapping; the gateway runs in redis_degraded mode meanwhile',
  match: (record) => CHANNEL_ERROR.test(record.head),
};

export default redisChannelError;

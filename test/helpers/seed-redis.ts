import type { Redis } from 'ioredis';

// Plants a gateway's Redis state (facts §3) in the shape the daemon leaves it, so collector and
// simulated-host tests read real types: LPUSHed event lists, a stream with explicit ids, a consumer group
// whose pending entries show in XPENDING, the priority ZSET, config and mode strings, health keys.

/** A gateway's Redis state; every field optional. */
export interface GatewayRedisState {
  sessions?: string[];
  /** Items oldest first, as producers pushed them; `joelclaw:events:batch` is RPUSHed, the rest LPUSHed. */
  eventLists?: Record<string, object[]>;
  /** joelclaw:gateway:messages entries; without an id, `<fields.timestamp>-*` (or `*`) is used. */
  stream?: Array<{ id?: string; fields: Record<string, string> }>;
  /** A consumer group created at '0'; `claimIds` are delivered to consumer `daemon` and left pending. */
  streamGroup?: { name: string; claimIds?: string[] };
  priority?: Array<{ member: string; score: number }>;
  config?: object | string;
  mode?: string;
  healthKeys?: Record<string, string>;
  extraKeys?: Record<string, string>;
}

const STREAM_KEY = 'joelclaw:gateway:messages';
const CONSUMER = 'daemon';

/** FLUSHDB, then write `state` into the connection's DB. */
export async function seedRedis(redis: Redis, state: GatewayRedisState): Promise<void> {
  await redis.flushdb();
  if (state.sessions?.length) await redis.sadd('joelclaw:gateway:sessions', ...state.sessions);
  for (const [key, items] of Object.entries(state.eventLists ?? {})) {
    for (const item of items) {
      if (key === 'joelclaw:events:batch') await redis.rpush(key, JSON.stringify(item));
      else await redis.lpush(key, JSON.stringify(item));
    }
  }
  for (const entry of state.stream ?? []) {
    const ts = entry.fields.timestamp;
    const id = entry.id ?? (ts && /^\d+$/.test(ts) ? `${ts}-*` : '*');
    await redis.xadd(STREAM_KEY, id, ...Object.entries(entry.fields).flat());
  }
  if (state.streamGroup) await seedGroup(redis, state.streamGroup);
  for (const { member, score } of state.priority ?? []) await redis.zadd('joelclaw:gateway:priority', score, member);
  if (state.config !== undefined) {
    await redis.set('joelclaw:gateway:config', typeof state.config === 'string' ? state.config : JSON.stringify(state.config));
  }
  if (state.mode !== undefined) await redis.set('joelclaw:mode', state.mode);
  for (const [key, value] of Object.entries({ ...state.healthKeys, ...state.extraKeys })) await redis.set(key, value);
}

/** Group at '0'; entries up to the last claim id are delivered, and those not claimed are acked again. */
async function seedGroup(redis: Redis, group: { name: string; claimIds?: string[] }): Promise<void> {
  await redis.xgroup('CREATE', STREAM_KEY, group.name, '0', 'MKSTREAM');
  const claims = new Set(group.claimIds ?? []);
  if (claims.size === 0) return;
  const delivered = (await redis.xreadgroup('GROUP', group.name, CONSUMER, 'COUNT', 100_000, 'STREAMS', STREAM_KEY, '>')) as
    Array<[string, Array<[string, string[]]>]> | null;
  const ids = delivered?.[0]?.[1].map(([id]) => id) ?? [];
  const toAck = ids.filter((id) => !claims.has(id));
  if (toAck.length) await redis.xack(STREAM_KEY, group.name, ...toAck);
}

/** The field set the daemon XADDs (queue/store.ts): payload {source, prompt}, metadata, timestamp, priority. */
export function gatewayStreamEntry(ts: number, source: string, prompt: string, priority: number): {
  fields: Record<string, string>;
} {
  return {
    fields: {
      payload: JSON.stringify({ source, prompt }),
      metadata: '',
      timestamp: String(ts),
      priority: String(priority),
    },
  };
}

import type { Redis } from 'ioredis';
import { A } from '../../bundle/artifacts.js';
import { toJson } from '../format.js';
import { type RedisStep, parseMaybeJson } from './step.js';
import { scanKeys } from './scan.js';

// The health monitor's keys (muted channels, streaks, alert cooldowns; facts §3) and an inventory of every
// joelclaw:* / gateway:* key, for what the named steps do not know about. TTLs count down by themselves,
// so under SOURCE_DATE_EPOCH only whether a key has one is kept.

export const HEALTH_PATTERN = 'gateway:health:*';
export const INVENTORY_PATTERNS = ['joelclaw:*', 'gateway:*'] as const;
export const MAX_HEALTH_KEYS = 200;
export const MAX_INVENTORY_KEYS = 5000;
const BATCH = 200;

/** TYPE and TTL for many keys in a few round trips. */
async function typesAndTtls(redis: Redis, keys: string[]): Promise<Array<{ type: string; ttl: number }>> {
  const out: Array<{ type: string; ttl: number }> = [];
  for (let i = 0; i < keys.length; i += BATCH) {
    const pipe = redis.pipeline();
    for (const key of keys.slice(i, i + BATCH)) pipe.type(key).ttl(key);
    const replies = (await pipe.exec()) ?? [];
    for (let j = 0; j + 1 < replies.length; j += 2) {
      const [typeErr, type] = replies[j]!;
      const [ttlErr, ttl] = replies[j + 1]!;
      if (typeErr) throw typeErr;
      if (ttlErr) throw ttlErr;
      out.push({ type: String(type), ttl: Number(ttl) });
    }
  }
  return out;
}

/** TTL as recorded: seconds (null = no expiry), or under SDE only whether there is one. */
const ttlFields = (ttl: number, sourceDateEpoch: boolean) =>
  sourceDateEpoch ? { hasTtl: ttl >= 0 } : { hasTtl: ttl >= 0, ttlSeconds: ttl >= 0 ? ttl : null };

/** gateway:health:* keys with their values (JSON parsed when it parses). */
export const healthKeysStep: RedisStep = {
  id: A.redisHealthKeys.id,
  source: { key: HEALTH_PATTERN },
  read: async (redis, env) => {
    const scan = await scanKeys(redis, [HEALTH_PATTERN], MAX_HEALTH_KEYS);
    const meta = await typesAndTtls(redis, scan.keys);
    const doc: Record<string, unknown> = {};
    for (const [i, key] of scan.keys.entries()) {
      const { type, ttl } = meta[i]!;
      const raw = type === 'string' ? await redis.get(key) : null;
      doc[key] = { type, value: raw === null ? null : parseMaybeJson(raw), ...ttlFields(ttl, env.sourceDateEpoch) };
    }
    return { status: 'ok', content: toJson(doc), facts: { keys: scan.keys.length, capped: scan.capped } };
  },
};

/** Every joelclaw:* and gateway:* key with its type and TTL, sorted, capped. */
export const keyInventoryStep: RedisStep = {
  id: A.redisKeyInventory.id,
  source: { key: INVENTORY_PATTERNS.join(' ') },
  read: async (redis, env) => {
    const scan = await scanKeys(redis, INVENTORY_PATTERNS, MAX_INVENTORY_KEYS);
    const meta = await typesAndTtls(redis, scan.keys);
    const rows = scan.keys.map((key, i) => ({ key, type: meta[i]!.type, ...ttlFields(meta[i]!.ttl, env.sourceDateEpoch) }));
    return {
      status: 'ok',
      content: toJson(rows),
      facts: { capped: scan.capped, scanned: scan.scanned, keys: rows.length, cap: MAX_INVENTORY_KEYS },
    };
  },
};

import { A } from '../../bundle/artifacts.js';
import { toJson } from '../format.js';
import type { RedisStep } from './step.js';

// Small gateway state keys (facts §3): who is registered, sleep/active mode, the model config, the priority
// index of the durable stream, and the legacy key the real diagnose XLENs by mistake (facts §0.4).

export const SESSIONS_KEY = 'joelclaw:gateway:sessions';
export const MODE_KEY = 'joelclaw:mode';
export const CONFIG_KEY = 'joelclaw:gateway:config';
export const PRIORITY_KEY = 'joelclaw:gateway:priority';
export const LEGACY_MESSAGES_KEY = 'gateway:messages';
/** ZRANGE 0..PRIORITY_CAP-1: the index mirrors the stream, so the stream's own cap is enough. */
export const PRIORITY_CAP = 500;

/** SMEMBERS, sorted because a SET has no order. */
export const sessionsStep: RedisStep = {
  id: A.redisSessions.id,
  source: { key: SESSIONS_KEY },
  read: async (redis) => {
    const members = (await redis.smembers(SESSIONS_KEY)).sort();
    return { status: 'ok', content: toJson(members), facts: { exists: (await redis.exists(SESSIONS_KEY)) === 1 } };
  },
};

/** GET joelclaw:mode; absent means active to the daemon, but the bundle says it was absent. */
export const modeStep: RedisStep = {
  id: A.redisMode.id,
  source: { key: MODE_KEY },
  read: async (redis) => {
    const raw = await redis.get(MODE_KEY);
    if (raw === null) return { status: 'missing', reason: `key ${MODE_KEY} does not exist` };
    return { status: 'ok', content: raw };
  },
};

/** GET joelclaw:gateway:config, kept raw and parsed (a config that does not parse is itself evidence). */
export const configStep: RedisStep = {
  id: A.redisGatewayConfig.id,
  source: { key: CONFIG_KEY },
  read: async (redis) => {
    const raw = await redis.get(CONFIG_KEY);
    if (raw === null) return { status: 'missing', reason: `key ${CONFIG_KEY} does not exist` };
    let parsed: unknown = null;
    let parses = true;
    try {
      parsed = JSON.parse(raw) as unknown;
    } catch {
      parses = false;
    }
    return { status: 'ok', content: toJson({ raw, parsed }), facts: { parses } };
  },
};

/** The priority ZSET: member = stream id, score = priority × 10¹² + timestamp. */
export const priorityStep: RedisStep = {
  id: A.redisPriority.id,
  source: { key: PRIORITY_KEY },
  read: async (redis) => {
    const type = await redis.type(PRIORITY_KEY);
    const zcard = type === 'zset' ? await redis.zcard(PRIORITY_KEY) : 0;
    const flat = type === 'zset' ? await redis.zrange(PRIORITY_KEY, '0', String(PRIORITY_CAP - 1), 'WITHSCORES') : [];
    const members: Array<{ member: string; score: number }> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) members.push({ member: flat[i]!, score: Number(flat[i + 1]) });
    return {
      status: 'ok',
      content: toJson({ key: PRIORITY_KEY, type, zcard, kept: members.length, members }),
      facts: { zcard, kept: members.length },
    };
  },
};

/** What the real diagnose reads: TYPE and length of gateway:messages, which should not exist. */
export const legacyMessagesStep: RedisStep = {
  id: A.redisLegacyMessages.id,
  source: { key: LEGACY_MESSAGES_KEY },
  read: async (redis) => {
    const type = await redis.type(LEGACY_MESSAGES_KEY);
    const length =
      type === 'stream' ? await redis.xlen(LEGACY_MESSAGES_KEY)
      : type === 'list' ? await redis.llen(LEGACY_MESSAGES_KEY)
      : type === 'none' ? 0
      : null;
    return { status: 'ok', content: toJson({ key: LEGACY_MESSAGES_KEY, type, exists: type !== 'none', length }) };
  },
};

import { A } from '../../bundle/artifacts.js';
import { toJson } from '../format.js';
import { type RedisStep, parseMaybeJson } from './step.js';
import { scanKeys } from './scan.js';

// Pending SystemEvents (facts §3): producers LPUSH `{id, type, source, payload, ts}` onto
// joelclaw:events:<session>; the daemon LRANGEs, processes oldest first, then DELs the list. A list that
// keeps growing is the "events not draining" symptom, so every joelclaw:events:* list is reported, and the
// two the CLI and daemon use are reported even when absent (length 0).

export const EVENT_LIST_PATTERN = 'joelclaw:events:*';
export const ALWAYS_REPORTED = ['joelclaw:events:gateway', 'joelclaw:events:main'] as const;
/** joelclaw:events:batch is RPUSHed (oldest at the head), unlike the LPUSHed session lists. */
export const RPUSH_LISTS = new Set(['joelclaw:events:batch']);
export const ITEMS_PER_LIST = 200;
export const MAX_EVENT_KEYS = 100;

/** One list as the bundle records it. */
export interface EventListRecord {
  type: string;
  length: number | null;
  itemsKept: number;
  /** Items whose `ts` is older than the --hours window; kept, because a stuck queue is evidence. */
  olderThanWindow: number;
  /** Oldest first, JSON parsed when it parses. */
  items: unknown[];
}

const tsOf = (item: unknown): number | null => {
  if (item === null || typeof item !== 'object') return null;
  const ts = (item as { ts?: unknown }).ts;
  return typeof ts === 'number' && Number.isFinite(ts) ? ts : null;
};

/** Every joelclaw:events:* list, newest ITEMS_PER_LIST items each, oldest first. */
export const eventListsStep: RedisStep = {
  id: A.redisEventLists.id,
  source: { key: EVENT_LIST_PATTERN },
  read: async (redis, env) => {
    const scan = await scanKeys(redis, [EVENT_LIST_PATTERN], MAX_EVENT_KEYS);
    const keys = [...new Set([...scan.keys, ...ALWAYS_REPORTED])].sort();
    const windowStart = env.nowMs - env.hours * 3_600_000;
    const lists: Record<string, EventListRecord> = {};
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'none') {
        lists[key] = { type, length: 0, itemsKept: 0, olderThanWindow: 0, items: [] };
        continue;
      }
      if (type !== 'list') {
        lists[key] = { type, length: null, itemsKept: 0, olderThanWindow: 0, items: [] };
        continue;
      }
      const length = await redis.llen(key);
      // Keep the newest items: the head for LPUSH lists (then reversed), the tail for RPUSH lists.
      const raw = RPUSH_LISTS.has(key)
        ? await redis.lrange(key, -ITEMS_PER_LIST, -1)
        : (await redis.lrange(key, 0, ITEMS_PER_LIST - 1)).reverse();
      const items = raw.map(parseMaybeJson);
      const olderThanWindow = items.filter((item) => {
        const ts = tsOf(item);
        return ts !== null && ts < windowStart;
      }).length;
      lists[key] = { type, length, itemsKept: items.length, olderThanWindow, items };
    }
    return {
      status: 'ok',
      content: toJson(lists),
      facts: { keys: keys.length, keysCapped: scan.capped, itemsPerList: ITEMS_PER_LIST },
    };
  },
};

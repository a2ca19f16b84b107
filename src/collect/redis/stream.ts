import type { Redis } from 'ioredis';
import { A } from '../../bundle/artifacts.js';
import { toJson } from '../format.js';
import { type RedisStep, pairsToObject } from './step.js';

// The durable inbound store joelclaw:gateway:messages (facts §3). An ack is XACK + XDEL + ZREM, so every
// entry still in the stream is unacked; entries older than 10 min are dropped on replay. The stream id is
// `<ms>-<seq>`, so the --hours window is an XRANGE from `${now - hours}-0`. XINFO STREAM/GROUPS carry no
// clock fields; XPENDING's idle time does, so it is left out under SOURCE_DATE_EPOCH.

export const MESSAGES_KEY = 'joelclaw:gateway:messages';
export const GATEWAY_GROUP = 'gateway-session';
export const ENTRY_CAP = 500;
export const PENDING_CAP = 500;
const COUNT_PAGE = 1000;
const COUNT_PAGES_MAX = 20;

/** A stream entry as recorded: fields in XADD order (payload, metadata, timestamp, priority). */
export interface StreamEntryRecord {
  id: string;
  fields: Record<string, string>;
}

type RawEntry = [id: string, fields: string[]];

const toEntry = ([id, flat]: RawEntry): StreamEntryRecord => ({
  id,
  fields: pairsToObject(flat) as Record<string, string>,
});

const infoObject = (raw: unknown): Record<string, unknown> => {
  const info = pairsToObject(raw);
  for (const k of ['first-entry', 'last-entry']) {
    const v = info[k];
    info[k] = Array.isArray(v) ? toEntry(v as RawEntry) : null;
  }
  return info;
};

/** Counts the window's entries past the first page, paging so a huge stream never comes over at once. */
async function countFrom(redis: Redis, firstPage: RawEntry[], cap: number): Promise<{ count: number; capped: boolean }> {
  let count = firstPage.length;
  let last = firstPage.at(-1)?.[0];
  if (firstPage.length < cap || !last) return { count, capped: false };
  for (let page = 0; page < COUNT_PAGES_MAX; page++) {
    const more = (await redis.xrange(MESSAGES_KEY, `(${last}`, '+', 'COUNT', COUNT_PAGE)) as RawEntry[];
    count += more.length;
    if (more.length < COUNT_PAGE) return { count, capped: false };
    last = more.at(-1)![0];
  }
  return { count, capped: true };
}

async function pendingOf(redis: Redis, group: string, sourceDateEpoch: boolean) {
  const [count, minId, maxId, consumers] = (await redis.xpending(MESSAGES_KEY, group)) as
    [number, string | null, string | null, Array<[string, string]> | null];
  const rows = (await redis.xpending(MESSAGES_KEY, group, '-', '+', PENDING_CAP)) as Array<[string, string, number, number]>;
  return {
    group,
    summary: {
      count,
      minId,
      maxId,
      consumers: (consumers ?? []).map(([name, n]) => ({ name, pending: Number(n) })),
    },
    entries: rows.map(([id, consumer, idleMs, deliveries]) =>
      sourceDateEpoch ? { id, consumer, deliveries } : { id, consumer, idleMs, deliveries }),
  };
}

/** The stream: length, XINFO, groups, pending, the window's entries (bounded), and oldest/newest always. */
export const messagesStreamStep: RedisStep = {
  id: A.redisMessagesStream.id,
  source: { key: MESSAGES_KEY },
  read: async (redis, env) => {
    const type = await redis.type(MESSAGES_KEY);
    const windowStartId = `${Math.max(0, Math.floor(env.nowMs - env.hours * 3_600_000))}-0`;
    if (type !== 'stream') {
      const doc = { key: MESSAGES_KEY, type, length: 0, windowStartId, info: null, groups: [], pending: null,
        entriesInWindow: 0, entriesKept: 0, oldest: null, newest: null, entries: [] };
      return { status: 'ok', content: toJson(doc), facts: { exists: type !== 'none' } };
    }
    const length = await redis.xlen(MESSAGES_KEY);
    const info = infoObject(await redis.xinfo('STREAM', MESSAGES_KEY));
    const groups = ((await redis.xinfo('GROUPS', MESSAGES_KEY)) as unknown[]).map(pairsToObject);
    const names = groups.map((g) => String(g.name));
    const group = names.includes(GATEWAY_GROUP) ? GATEWAY_GROUP : names[0];
    const pending = group === undefined ? null : await pendingOf(redis, group, env.sourceDateEpoch);
    const page = (await redis.xrange(MESSAGES_KEY, windowStartId, '+', 'COUNT', ENTRY_CAP)) as RawEntry[];
    const inWindow = await countFrom(redis, page, ENTRY_CAP);
    const oldest = ((await redis.xrange(MESSAGES_KEY, '-', '+', 'COUNT', 1)) as RawEntry[]).map(toEntry)[0] ?? null;
    const newest = ((await redis.xrevrange(MESSAGES_KEY, '+', '-', 'COUNT', 1)) as RawEntry[]).map(toEntry)[0] ?? null;
    const entries = page.map(toEntry);
    const doc = {
      key: MESSAGES_KEY,
      type,
      length,
      windowStartId,
      info,
      groups,
      pending,
      entriesInWindow: inWindow.count,
      ...(inWindow.capped ? { entriesInWindowIsLowerBound: true } : {}),
      entriesKept: entries.length,
      oldest,
      newest,
      entries,
    };
    return {
      status: 'ok',
      content: toJson(doc),
      facts: { exists: true, length, entriesInWindow: inWindow.count, entriesKept: entries.length },
    };
  },
};

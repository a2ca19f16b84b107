import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { asRecord } from './parse/health.js';
import type { RedisSummary } from './types.js';

// Readers of the redis collector's JSON documents (src/collect/redis/ header comments) and the report's Redis
// summary. Shared by the redis, cli-status, process and e2e layers so each key is interpreted once.

/** A SystemEvent as LPUSHed to `joelclaw:events:<session>` (facts §3). */
export interface QueuedEvent {
  id: string | null;
  type: string | null;
  source: string | null;
  ts: number | null;
}

export interface EventList {
  key: string;
  length: number;
  /** The items the bundle kept (oldest first; the collector keeps the newest 200). */
  items: QueuedEvent[];
}

/** `joelclaw:gateway:messages`: every entry still present is unacked (an ack XDELs it). */
export interface MessagesStream {
  key: string;
  length: number;
  /** Entry times in ms (from the `<ms>-<seq>` ids), ascending. */
  entryTimes: number[];
  /** The oldest entry's time (the collector's `oldest`, or XINFO's first-entry), even when entries were cut. */
  firstEntryMs: number | null;
  /** Entries at or after the collection window's start; those before it are all older than the window. */
  entriesInWindow: number | null;
  windowStartMs: number | null;
}

/** Entries older than this are acked and dropped by the next startup replay (queue/store.ts:453-505). */
export const REPLAY_MAX_AGE_MS = 10 * 60_000;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const idMs = (id: unknown): number | null => (typeof id === 'string' ? num(id.split('-')[0]) : null);

// Why: PING is the CLI's own view of Redis (redis connected/degraded); null when it was never tried.
export function redisReachable(ctx: ReplayContext): boolean | null {
  const e = ctx.entry(A.redisPing.id);
  if (!e || e.status === 'missing' || e.status === 'skipped') return null;
  if (e.status === 'error' || e.status === 'timeout') return false;
  return (ctx.text(A.redisPing.id) ?? '').trim().toUpperCase() === 'PONG';
}

// Why: `joelclaw:mode` = sleep pauses the heartbeat and mutes events; absent or anything else is active.
export function redisMode(ctx: ReplayContext): string | null {
  if (ctx.absence(A.redisMode.id)) return null;
  const raw = (ctx.text(A.redisMode.id) ?? '').trim().replace(/^"(.*)"$/, '$1');
  return raw === '' || raw === 'null' || raw === '(nil)' ? null : raw;
}

// Why: SMEMBERS joelclaw:gateway:sessions, the session ids whose event lists are pending work.
export function redisSessions(ctx: ReplayContext): string[] | null {
  if (ctx.absence(A.redisSessions.id)) return null;
  const v = ctx.json<unknown>(A.redisSessions.id);
  const list = Array.isArray(v) ? v : asRecord(v)?.members;
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string').sort() : null;
}

// Why: pending counts and the oldest queued event's age come from these lists.
export function eventLists(ctx: ReplayContext): EventList[] | null {
  return ctx.memo('redis:eventLists', () => {
    if (ctx.absence(A.redisEventLists.id)) return null;
    const doc = asRecord(ctx.json(A.redisEventLists.id));
    if (!doc) return null;
    return Object.entries(doc)
      .map(([key, v]): EventList => {
        const list = asRecord(v) ?? {};
        const items = (Array.isArray(list.items) ? list.items : []).map((raw): QueuedEvent => {
          const item = asRecord(typeof raw === 'string' ? safeJson(raw) : raw) ?? {};
          return { id: strOrNull(item.id), type: strOrNull(item.type), source: strOrNull(item.source), ts: num(item.ts) };
        });
        return { key, length: num(list.length) ?? items.length, items };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
  });
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

// Why: the durable store's backlog, which the real diagnose never sees (it XLENs the wrong key).
export function messagesStream(ctx: ReplayContext): MessagesStream | null {
  return ctx.memo('redis:messagesStream', () => {
    if (ctx.absence(A.redisMessagesStream.id)) return null;
    const doc = asRecord(ctx.json(A.redisMessagesStream.id));
    if (!doc) return null;
    const entries = Array.isArray(doc.entries) ? doc.entries : [];
    const entryTimes = entries
      .map((e) => idMs(asRecord(e)?.id) ?? num(asRecord(asRecord(e)?.fields)?.timestamp))
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    const info = asRecord(doc.info);
    const first = doc.oldest ?? info?.['first-entry'] ?? info?.firstEntry;
    const firstId = Array.isArray(first) ? first[0] : (asRecord(first)?.id ?? first);
    return {
      key: strOrNull(doc.key) ?? 'joelclaw:gateway:messages',
      length: num(doc.length) ?? entries.length,
      entryTimes,
      firstEntryMs: idMs(firstId) ?? entryTimes[0] ?? null,
      entriesInWindow: num(doc.entriesInWindow),
      windowStartMs: idMs(doc.windowStartId),
    };
  });
}

/**
 * Entries the next startup replay drops (older than 10 min): those before the collection window (all older
 * than it), plus the kept window entries that are old. Window entries past the kept cap are newer than the
 * kept ones and are not counted, so this never overstates.
 */
export function staleOnReplay(stream: MessagesStream, now: Date): number {
  const cutoff = now.getTime() - REPLAY_MAX_AGE_MS;
  const oldKept = stream.entryTimes.filter((t) => t < cutoff).length;
  const windowIsOlder = stream.windowStartMs !== null && stream.windowStartMs <= cutoff;
  if (stream.entriesInWindow !== null && windowIsOlder) return Math.max(0, stream.length - stream.entriesInWindow) + oldKept;
  const young = stream.entryTimes.length - oldKept;
  return Math.max(0, stream.length - young);
}

/**
 * How many of the gateway's keys the Redis holds: the SCAN inventory of joelclaw:* and gateway:* when it was
 * collected, else the named keys (sessions, event lists, stream, config, mode); null when it cannot be told.
 */
export function gatewayKeyCount(ctx: ReplayContext): number | null {
  if (ctx.absence(A.redisKeyInventory.id) === null) {
    const rows = ctx.json<unknown>(A.redisKeyInventory.id);
    if (Array.isArray(rows)) return rows.length;
  }
  const sessions = redisSessions(ctx);
  const lists = eventLists(ctx);
  const stream = asRecord(ctx.json(A.redisMessagesStream.id));
  const config = ctx.entry(A.redisGatewayConfig.id);
  if (sessions === null || lists === null || !stream || !config) return null;
  const streamKeys = stream.type === 'none' ? 0 : 1;
  const configKeys = config.status === 'missing' ? 0 : 1;
  const modeKeys = redisMode(ctx) === null ? 0 : 1;
  return (sessions.length > 0 ? 1 : 0) + lists.filter((l) => l.length > 0).length + streamKeys + configKeys + modeKeys;
}

// Why: the report's Redis section; null when no Redis artifact was even attempted.
export function redisSummary(ctx: ReplayContext): RedisSummary | null {
  return ctx.memo('redis:summary', () => {
    const reachable = redisReachable(ctx);
    const stream = messagesStream(ctx);
    const lists = eventLists(ctx);
    const config = asRecord(asRecord(ctx.json(A.redisGatewayConfig.id))?.parsed) ?? null;
    const sessions = redisSessions(ctx);
    const mode = redisMode(ctx);
    if (reachable === null && !stream && !lists && !config && !sessions && mode === null) return null;
    const oldest = stream?.firstEntryMs ?? null;
    return {
      reachable,
      mode,
      sessions,
      eventQueues: (lists ?? []).map((l) => ({ key: l.key, length: l.length })),
      stream: stream
        ? {
            length: stream.length,
            unacked: stream.length,
            oldestAgeMinutes: oldest === null || stream.length === 0 ? null : Math.round((ctx.now.getTime() - oldest) / 60_000),
            staleOnReplay: staleOnReplay(stream, ctx.now),
          }
        : null,
      config,
    };
  });
}

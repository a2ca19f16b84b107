import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { asRecord } from '../parse/health.js';
import { eventLists } from '../redis-summary.js';
import { type Moment, escapeRe, lineOf, short } from './moment.js';

// Redis carries time in stream ids (`<ms>-<seq>`) of the durable store and in each queued SystemEvent's `ts`
// (facts §3, §8.12). Every stream entry still present is unacked, so each one is a message not yet handled.

const STREAM = A.redisMessagesStream.id;

function payloadSource(fields: Record<string, unknown>): string | null {
  if (typeof fields.payload !== 'string') return null;
  try {
    const p = asRecord(JSON.parse(fields.payload));
    return typeof p?.source === 'string' ? p.source : null;
  } catch {
    return null;
  }
}

// Why: unacked inbound messages and undrained events, placed in time.
export function redisMoments(ctx: ReplayContext): Moment[] {
  const out: Moment[] = [];
  const doc = ctx.absence(STREAM) ? undefined : asRecord(ctx.json(STREAM));
  const lines = ctx.lines(STREAM);
  for (const raw of Array.isArray(doc?.entries) ? doc.entries : []) {
    const e = asRecord(raw);
    const id = typeof e?.id === 'string' ? e.id : null;
    const ms = id ? Number(id.split('-')[0]) : Number.NaN;
    if (!id || !Number.isFinite(ms) || ms <= 0) continue;
    const fields = asRecord(e?.fields) ?? {};
    const source = payloadSource(fields);
    const line = lineOf(lines, new RegExp(`"id":\\s*"${escapeRe(id)}"`));
    out.push({ ms, source: 'redis', text: `unacked stream entry ${id}${source ? ` from ${source}` : ''}${typeof fields.priority === 'string' ? ` (P${fields.priority})` : ''}`, artifact: STREAM, ...(line ? { line } : {}) });
  }
  for (const list of eventLists(ctx) ?? []) {
    for (const item of list.items) {
      if (item.ts === null) continue;
      out.push({ ms: item.ts, source: 'redis', text: short(`event ${item.type ?? '?'} from ${item.source ?? '?'} waiting in ${list.key}`), artifact: A.redisEventLists.id });
    }
  }
  return out;
}

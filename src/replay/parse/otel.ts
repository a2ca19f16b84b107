import { OTEL_QUERIES, otelSearchId } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';

// `joelclaw otel search <q>` output (joelclaw-gateway-facts §2.1, §5): the CLI envelope
// `{ ok, command, result: { query, found, events: [{ id, ts, level, source, component, action, success, error,
// metadata_keys }], facets } }`, or `{ ok: false, error: { message, code }, result: null }` when ClickHouse or
// the adapter fails, or nothing on stdout when an Effect failure escapes. One artifact per query; the same
// event shows up under several queries ("gateway" matches every gateway event), so events are deduped by id.

const PREFIX = otelSearchId('');

/** One telemetry event, where it was first seen, and every query that returned it. */
export interface OtelEvent {
  id: string;
  ts: string;
  ms: number;
  level: string;
  source: string;
  component: string;
  action: string;
  success: boolean | null;
  error: string | null;
  durationMs: number | null;
  metadataKeys: string[];
  artifact: string;
  /** 1-based line of the event's `"id"` in the pretty-printed artifact. */
  line?: number;
  queries: string[];
}

/** What one query artifact gave: events, or why it gave none. */
export interface OtelQueryResult {
  query: string;
  artifact: string;
  status: 'ok' | 'absent' | 'failed';
  reason: string | null;
  found: number | null;
  events: OtelEvent[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Obj, k: string): string | null => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : null);
const firstLine = (s: string): string => s.trim().split('\n')[0]?.slice(0, 200) ?? '';

// Why: the layer and the timeline cover the procedure's queries and any extra ones a newer collector added.
export function otelArtifactIds(ctx: ReplayContext): string[] {
  const ids = OTEL_QUERIES.map((q) => otelSearchId(q.query));
  for (const id of ctx.view.ids()) if (id.startsWith(PREFIX) && !ids.includes(id)) ids.push(id);
  return ids;
}

// Why: one query's artifact read once, with absence and failure kept apart (telemetry down is not evidence of the gateway).
export function otelQuery(ctx: ReplayContext, artifact: string): OtelQueryResult {
  return ctx.memo(`parse:otel:${artifact}`, () => readQuery(ctx, artifact));
}

function readQuery(ctx: ReplayContext, artifact: string): OtelQueryResult {
  const query = artifact.slice(PREFIX.length);
  const base = { query, artifact, found: null, events: [] };
  const entry = ctx.entry(artifact);
  const text = ctx.text(artifact);
  const label = `joelclaw otel search "${query}"`;
  if (!entry || text === undefined || entry.status === 'missing' || entry.status === 'skipped') {
    return { ...base, status: 'absent', reason: ctx.absence(artifact) ?? `${artifact} has no content in the bundle` };
  }
  const stderr = entry.stderr ? firstLine(entry.stderr) : '';
  const exit = entry.exitCode === null || entry.exitCode === undefined ? '' : ` (exit ${entry.exitCode})`;
  if (text.trim() === '') {
    const why = entry.status === 'timeout' ? `timed out${entry.reason ? `: ${entry.reason}` : ''}` : stderr || entry.reason || 'printed nothing';
    return { ...base, status: 'failed', reason: `${label} failed${exit}: ${why}` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    const why = entry.status === 'timeout' ? 'timed out with partial output' : `printed non-JSON output: ${firstLine(text)}`;
    return { ...base, status: 'failed', reason: `${label} ${why}` };
  }
  // Older CLIs printed the result (or the bare events list) without the envelope.
  if (Array.isArray(doc)) doc = { ok: true, result: { events: doc } };
  else if (isObj(doc) && doc.ok === undefined && Array.isArray(doc.events)) doc = { ok: true, result: doc };
  if (!isObj(doc)) return { ...base, status: 'failed', reason: `${label} printed JSON that is not an object` };
  if (doc.ok === false || !isObj(doc.result)) {
    const err = isObj(doc.error) ? doc.error : {};
    const msg = str(err, 'message') ?? (typeof doc.error === 'string' ? doc.error : null) ?? (stderr || 'no result');
    const code = str(err, 'code');
    return { ...base, status: 'failed', reason: `${label} failed: ${msg}${code ? ` [${code}]` : ''}` };
  }
  const raw = Array.isArray(doc.result.events) ? doc.result.events : null;
  if (raw === null) return { ...base, status: 'failed', reason: `${label} printed a result without an events list` };
  const lines = idLines(ctx.lines(artifact) ?? []);
  const events = raw.flatMap((e, i) => toEvent(e, i, artifact, query, lines));
  const found = typeof doc.result.found === 'number' ? doc.result.found : null;
  return { ...base, status: 'ok', reason: null, found, events };
}

/** Where each `"id": "<id>"` first appears, so findings can cite the event's line. */
function idLines(lines: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  lines.forEach((l, i) => {
    const m = /^\s*"id":\s*"([^"]+)"/.exec(l);
    if (m?.[1] && !out.has(m[1])) out.set(m[1], i + 1);
  });
  return out;
}

function toEvent(e: unknown, index: number, artifact: string, query: string, lines: ReadonlyMap<string, number>): OtelEvent[] {
  if (!isObj(e)) return [];
  const raw = e.ts ?? e.timestamp; // search output has ISO `ts`; the emitter's body has epoch-ms `timestamp`
  const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms)) return []; // an event without a time cannot be placed in the window
  const component = str(e, 'component') ?? 'unknown';
  const action = str(e, 'action') ?? 'unknown';
  const id = str(e, 'id') ?? `${ms}:${component}:${action}:${index}`;
  const line = lines.get(id);
  return [{
    id,
    ts: new Date(ms).toISOString(),
    ms,
    level: (str(e, 'level') ?? 'info').toLowerCase(),
    source: str(e, 'source') ?? 'unknown',
    component,
    action,
    success: typeof e.success === 'boolean' ? e.success : null,
    error: str(e, 'error'),
    durationMs: typeof e.duration_ms === 'number' ? e.duration_ms : null,
    metadataKeys: Array.isArray(e.metadata_keys) ? e.metadata_keys.filter((k): k is string => typeof k === 'string') : [],
    artifact,
    ...(line === undefined ? {} : { line }),
    queries: [query],
  }];
}

// Why: every query result once, in the procedure's order, for the layer's absence and failure reasoning.
export function otelResults(ctx: ReplayContext): OtelQueryResult[] {
  return ctx.memo('parse:otel:results', () => otelArtifactIds(ctx).map((id) => otelQuery(ctx, id)));
}

// Why: the timeline and scenarios need each telemetry event once, in time order, whichever queries found it.
export function otelEvents(ctx: ReplayContext): OtelEvent[] {
  return ctx.memo('parse:otel:events', () => {
    const byId = new Map<string, OtelEvent>();
    for (const r of otelResults(ctx)) {
      for (const e of r.events) {
        const seen = byId.get(e.id);
        if (seen) seen.queries.push(r.query);
        else byId.set(e.id, { ...e, queries: [...e.queries] });
      }
    }
    return [...byId.values()].sort((a, b) => a.ms - b.ms || a.id.localeCompare(b.id));
  });
}

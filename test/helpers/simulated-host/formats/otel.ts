import type { CommandAnswer } from '../spec.js';
import { CAPTURED_AT, minutesBefore } from '../spec.js';

// `joelclaw otel search <q>` output (facts §5, §2.1): the CLI envelope around
// `{query, found, page, limit, filterBy, adapter:"clickhouse-otel", events, facets}`. Events carry
// `metadata_keys` only, never metadata values; the match is a case-insensitive substring of
// source + component + action + error (+ metadata JSON, which search output does not show).

/** One stored OTEL event as search returns it. */
export interface OtelEvent {
  id: string;
  ts: string;
  sessionId: string;
  systemId: string;
  level: 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  source: string;
  component: string;
  action: string;
  success: boolean;
  duration_ms: number | null;
  error: string | null;
  metadata_keys: string[];
}

/** An OTEL event `minutesAgo` before capture; its id is derived from action and time, so builds repeat. */
export function otelEvent(o: {
  action: string;
  component: string;
  minutesAgo: number;
  level?: OtelEvent['level'];
  success?: boolean;
  error?: string | null;
  metadataKeys?: string[];
  source?: string;
  capturedAt?: string;
}): OtelEvent {
  const ts = minutesBefore(o.minutesAgo, o.capturedAt ?? CAPTURED_AT);
  return {
    id: `otel-${o.action.replace(/[^a-z0-9]+/gi, '-')}-${Date.parse(ts)}`,
    ts,
    sessionId: 'gateway',
    systemId: 'panda',
    level: o.level ?? (o.success === false ? 'error' : 'info'),
    source: o.source ?? 'gateway',
    component: o.component,
    action: o.action,
    success: o.success ?? true,
    duration_ms: null,
    error: o.error ?? null,
    metadata_keys: o.metadataKeys ?? [],
  };
}

/** Whether `joelclaw otel search <query>` would return the event (substring over its searchable text). */
export function otelMatches(query: string, e: OtelEvent): boolean {
  const text = [e.source, e.component, e.action, e.error ?? '', e.metadata_keys.join(' ')].join(' ').toLowerCase();
  return text.includes(query.toLowerCase());
}

const facet = (field: keyof OtelEvent, events: readonly OtelEvent[]) => {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(String(e[field]), (counts.get(String(e[field])) ?? 0) + 1);
  return {
    field_name: field,
    counts: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, count]) => ({ value, count })),
  };
};

/** The full stdout of `joelclaw otel search <query> --hours <hours>` over the given events. */
export function otelSearch(query: string, events: readonly OtelEvent[], o: { hours?: number; capturedAt?: string } = {}): CommandAnswer {
  const hours = o.hours ?? 24;
  const since = Date.parse(o.capturedAt ?? CAPTURED_AT) - hours * 3_600_000;
  const hits = events
    .filter((e) => otelMatches(query, e) && Date.parse(e.ts) >= since)
    .sort((a, b) => b.ts.localeCompare(a.ts));
  const envelope = {
    ok: true,
    command: `joelclaw otel search ${query} --hours ${hours}`,
    result: {
      query,
      found: hits.length,
      page: 1,
      limit: 30,
      filterBy: `timestamp>=${since} && q:=${query}`,
      adapter: 'clickhouse-otel',
      events: hits.slice(0, 30),
      facets: (['level', 'source', 'component', 'success'] as const).map((f) => facet(f, hits)),
    },
    next_actions: [
      { command: `joelclaw otel search ${query} --hours ${hours * 2}`, description: 'Widen the window' },
      { command: 'joelclaw otel stats', description: 'Event volume by component' },
    ],
  };
  return { stdout: `${JSON.stringify(envelope, null, 2)}\n`, exitCode: 0 };
}

/** `joelclaw otel search` when its store is unreachable: the error envelope, still exit 0 (facts §2.1). */
export function otelSearchError(query: string, message: string): CommandAnswer {
  const envelope = {
    ok: false,
    command: `joelclaw otel search ${query}`,
    result: null,
    error: { message, code: 'OTEL_SEARCH_FAILED' },
    fix: 'Check that the observability store is reachable (kubectl get pods -n joelclaw)',
    next_actions: [{ command: 'joelclaw status', description: 'Check system health' }],
  };
  return { stdout: `${JSON.stringify(envelope, null, 2)}\n`, exitCode: 0 };
}

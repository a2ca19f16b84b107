import { otelSearchId } from '../../../src/bundle/artifacts.js';
import type { ArtifactInput } from '../../helpers/bundle-from.js';
import { NOW_MS } from './session-fixture.js';

// `joelclaw otel search` stdout shaped like the real CLI (joelclaw-gateway-facts §2.1, §5): pretty JSON
// envelope, events newest first, facets, next_actions.

export interface EventOpts {
  id?: string;
  level?: 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  success?: boolean;
  error?: string;
  component?: string;
}

let seq = 0;

/** One event `minutes` before the capture time. */
export function otelEvent(minutes: number, action: string, o: EventOpts = {}) {
  seq++;
  return {
    id: o.id ?? `0f1e2d3c-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    ts: new Date(NOW_MS - minutes * 60_000).toISOString(),
    sessionId: 'gateway',
    systemId: 'panda',
    level: o.level ?? 'info',
    source: 'gateway',
    component: o.component ?? 'daemon',
    action,
    success: o.success ?? o.level !== 'error',
    duration_ms: 12,
    error: o.error ?? null,
    metadata_keys: ['pid'],
  };
}

type Ev = ReturnType<typeof otelEvent>;

/** The stdout of a successful search. */
export function otelOutput(query: string, events: Ev[], found = events.length): string {
  const sorted = [...events].sort((a, b) => b.ts.localeCompare(a.ts));
  const levels = [...new Set(sorted.map((e) => e.level))].map((value) => ({ value, count: sorted.filter((e) => e.level === value).length }));
  const result = {
    query,
    found,
    page: 1,
    limit: 200,
    filterBy: `timestamp>=${NOW_MS - 3_600_000} && q:=${query}`,
    adapter: 'clickhouse-otel',
    events: sorted,
    facets: [{ field_name: 'level', counts: levels }],
  };
  return `${JSON.stringify({ ok: true, command: `joelclaw otel search ${query}`, result, next_actions: [] }, null, 2)}\n`;
}

/** The stdout of a search that failed inside the CLI (exit 0, ok:false). */
export function otelFailure(query: string, message: string): string {
  const doc = { ok: false, command: `joelclaw otel search ${query}`, result: null, error: { message, code: 'OTEL_QUERY_FAILED' }, fix: 'Check ClickHouse', next_actions: [] };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Bundle artifacts for several queries at once. */
export function otelArtifacts(byQuery: Record<string, ArtifactInput>): Record<string, ArtifactInput> {
  return Object.fromEntries(Object.entries(byQuery).map(([q, v]) => [otelSearchId(q), v]));
}

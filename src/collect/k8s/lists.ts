import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';

// API list objects as the API server sent them: the client deserializes into model classes (Dates, renamed
// fields like `_continue`), so they are serialized back to wire JSON. managedFields is bookkeeping of
// server-side apply, large and useless for diagnosis, so it is stripped. Deep import: the package has no
// `exports` map and does not re-export ObjectSerializer.

type Wire = Record<string, unknown> & { items?: Array<Record<string, unknown>> };

/** The list in wire form, without metadata.managedFields on any item. */
export function wireList(list: unknown, type: 'V1NodeList' | 'V1PodList' | 'CoreV1EventList'): Wire {
  const wire = ObjectSerializer.serialize(list, type, '') as Wire;
  for (const item of wire.items ?? []) {
    const meta = item.metadata as Record<string, unknown> | undefined;
    if (meta && 'managedFields' in meta) delete meta.managedFields;
  }
  return wire;
}

/**
 * When an event last happened: series.lastObservedTime (a repeating event recorded through events.k8s.io,
 * whose eventTime is its first occurrence), lastTimestamp, eventTime, firstTimestamp, creation.
 */
export function eventTime(item: Record<string, unknown>): number | null {
  const meta = item.metadata as { creationTimestamp?: string } | undefined;
  const series = item.series as { lastObservedTime?: unknown } | undefined;
  for (const v of [series?.lastObservedTime, item.lastTimestamp, item.eventTime, item.firstTimestamp, meta?.creationTimestamp]) {
    const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
    if (Number.isFinite(t)) return t;
  }
  return null;
}

/** Events within the window (undated ones kept: they might be current), oldest first, then by name. */
export function eventsInWindow(wire: Wire, nowMs: number, hours: number): { list: Wire; total: number; kept: number } {
  const start = nowMs - hours * 3_600_000;
  const all = wire.items ?? [];
  const name = (i: Record<string, unknown>) => String((i.metadata as { name?: string } | undefined)?.name ?? '');
  const items = all
    .filter((i) => {
      const t = eventTime(i);
      return t === null || t >= start;
    })
    .sort((a, b) => (eventTime(a) ?? 0) - (eventTime(b) ?? 0) || name(a).localeCompare(name(b)));
  return { list: { ...wire, items }, total: all.length, kept: items.length };
}

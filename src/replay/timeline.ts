import type { ReplayContext } from './context.js';
import { logMoments } from './timeline/logs.js';
import { markerMoments } from './timeline/markers.js';
import { type Moment, toEntry } from './timeline/moment.js';
import { processMoments } from './timeline/processes.js';
import { redisMoments } from './timeline/redis.js';
import { sessionMoments } from './timeline/session.js';
import { k8sMoments, otelMoments } from './timeline/telemetry.js';
import type { TimelineEntry } from './types.js';

// The incident's timeline, merged from every timestamped source in the bundle (facts §8.12) and ordered by
// time, stable for equal times. Entries after the capture clock are kept but marked (a skewed clock is itself
// evidence). Bounded for one GitHub comment: the newest entries plus every error-ish one.

/** Newest ordinary entries kept. */
export const TIMELINE_RECENT = 500;
/** Error-ish entries (errors, restarts, fallback, warnings) kept beyond those, newest first. */
export const TIMELINE_IMPORTANT = 500;

/** Every source, in the order equal times are listed. */
const SOURCES: ReadonlyArray<(ctx: ReplayContext) => Moment[]> = [
  processMoments,
  markerMoments,
  sessionMoments,
  redisMoments,
  otelMoments,
  k8sMoments,
  logMoments,
];

/** Keeps the newest `recent` ordinary and newest `important` error-ish moments, in time order. */
function bound(sorted: readonly Moment[], recent: number, important: number): { kept: Moment[]; dropped: number } {
  const keep = new Set<number>();
  let r = 0;
  let i = 0;
  for (let k = sorted.length - 1; k >= 0; k--) {
    const m = sorted[k]!;
    if (m.important && i < important) {
      keep.add(k);
      i++;
    } else if (!m.important && r < recent) {
      keep.add(k);
      r++;
    }
  }
  const kept = sorted.filter((_, k) => keep.has(k));
  return { kept, dropped: sorted.length - kept.length };
}

// Why: the report's timeline section and its Mermaid chart; "now" is the capture time, never the reader's clock.
export function buildTimeline(ctx: ReplayContext, limits = { recent: TIMELINE_RECENT, important: TIMELINE_IMPORTANT }): TimelineEntry[] {
  const captureMs = ctx.now.getTime();
  const moments: Moment[] = [];
  for (const source of SOURCES) {
    try {
      moments.push(...source(ctx));
    } catch {
      // One unreadable source must not cost the rest of the timeline; its layer reports the artifact.
    }
  }
  const sorted = moments.filter((m) => Number.isFinite(m.ms)).sort((a, b) => a.ms - b.ms); // Array#sort is stable
  const { kept, dropped } = bound(sorted, limits.recent, limits.important);
  const note = dropped > 0 ? ` (timeline keeps the newest ${limits.recent} entries and ${limits.important} error-ish ones; ${dropped} older left out)` : '';
  const capture: Moment = { ms: captureMs, source: 'capture', text: `bundle captured${note}`, capture: true };
  // The capture entry goes after every entry at the same instant: those happened before the snapshot ended.
  const at = kept.findIndex((m) => m.ms > captureMs);
  const ordered = at < 0 ? [...kept, capture] : [...kept.slice(0, at), capture, ...kept.slice(at)];
  return ordered.map((m) => toEntry(m, m.ms > captureMs));
}

import type { Diagnosis, TimelineEntry } from '../../replay/types.js';
import { clean } from './escape.js';

// The incident as a picture GitHub renders: a Mermaid gantt of the capture window with restarts, fallback
// periods, degraded-mode spans, stuck turns and the capture time. Kept small: a chart of 300 bars helps nobody.

/** At most this many bars and milestones (the newest are kept). */
export const MERMAID_MAX_ITEMS = 24;
const LABEL_MAX = 48;

type Kind = 'restart' | 'fallbackOn' | 'fallbackOff' | 'degradedOn' | 'degradedOff' | 'stuck';

/** Each kind: literal keywords (lower case) looked for first, and an optional regex a keyword hit must also pass. */
const KINDS: ReadonlyArray<[Kind, readonly string[], RegExp | null]> = [
  ['fallbackOff', ['recovered to primary', 'fallback'], /recovered to primary|fallback.*(recovered|deactivated|cleared)/i],
  ['fallbackOn', ['fallback] activated', 'fallback activated', 'falling back to', 'fallback active', 'fallback mode active'], null],
  ['degradedOff', ['redis connected', 'redis reconnected', 'normal', 'recovered from redis_degraded', 'left degraded'], /redis (re)?connected|mode[: =]+normal|recovered from redis_degraded|left degraded/i],
  ['degradedOn', ['redis_degraded', 'degraded mode'], null],
  ['stuck', ['appears stuck', 'stuck recovery', 'turn hanging', 'turn left hanging', 'hanging turn'], null],
  ['restart', ['restart requested', 'restart completed', 'daemon started', 'shutting down', 'self-restart', 'restarting daemon', 'launchd started', 'launchd restarted'], null],
];

// Why: Mermaid treats `:` as the label/data separator, `;` as a statement end and `#` as an entity start.
export function mermaidLabel(s: string): string {
  const t = clean(s).replace(/\s+/g, ' ').replace(/[:;#`"'<>{}[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  return (t.length > LABEL_MAX ? `${t.slice(0, LABEL_MAX - 1)}…` : t) || 'event';
}

/** Mermaid's `YYYY-MM-DD HH:mm:ss` in UTC. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

// Why: one restart is seen by several sources (lifecycle marker, log record, OTEL) at the same instant; one
// milestone per instant keeps the picture readable.
function milestones(events: ReadonlyArray<{ kind: Kind; at: number; text: string }>, kind: Kind, section: string): Bar[] {
  const seen = new Set<number>();
  return events
    .filter((e) => e.kind === kind && !seen.has(e.at) && seen.add(e.at))
    .map((e) => ({ section, label: e.text, from: e.at, to: null }));
}

/** Lower-casing once and `includes` keep this linear and cheap on a timeline of tens of thousands of entries. */
function kindOf(e: TimelineEntry): Kind | null {
  const t = String(e.text).toLowerCase();
  for (const [kind, words, re] of KINDS) if (words.some((w) => t.includes(w)) && (re === null || re.test(e.text))) return kind;
  return null;
}

interface Bar {
  section: string;
  label: string;
  from: number;
  to: number | null; // null: a milestone
}

/** Spans that open and close (fallback, degraded mode); one still open at capture ends at the capture time. */
function spans(events: Array<{ kind: Kind; at: number }>, on: Kind, off: Kind, label: string, end: number): Bar[] {
  const out: Bar[] = [];
  let open: number | null = null;
  for (const e of events) {
    if (e.kind === on && open === null) open = e.at;
    if (e.kind === off && open !== null) {
      out.push({ section: label, label, from: open, to: e.at });
      open = null;
    }
  }
  if (open !== null) out.push({ section: label, label: `${label} (still at capture)`, from: open, to: end });
  return out;
}

// Why: the diagram's source text (null when the capture time does not parse); the template fences it as mermaid.
export function mermaidGantt(d: Diagnosis): string | null {
  const end = Date.parse(d.bundle.collectedAt);
  if (!Number.isFinite(end)) return null;
  const h = d.collection.options.hours;
  const hours = typeof h === 'number' && h > 0 && h < 24 * 366 ? h : 1;
  const start = end - hours * 3_600_000;
  const events: Array<{ kind: Kind; at: number; text: string }> = [];
  for (const e of d.timeline) {
    const at = Date.parse(e.at);
    const kind = kindOf(e);
    if (kind && Number.isFinite(at) && at >= start && at <= end) events.push({ kind, at, text: e.text });
  }
  events.sort((a, b) => a.at - b.at);
  const bars: Bar[] = [
    ...spans(events, 'fallbackOn', 'fallbackOff', 'fallback model', end),
    ...spans(events, 'degradedOn', 'degradedOff', 'redis_degraded mode', end),
    // Labels are cleaned only for the bars kept: a log of 80,000 restarts must not clean 80,000 labels.
    ...milestones(events, 'restart', 'restarts'),
    ...milestones(events, 'stuck', 'stuck turns'),
  ];
  const hanging = d.session?.hangingTurn;
  const since = hanging ? Date.parse(hanging.since) : Number.NaN;
  if (hanging && Number.isFinite(since)) bars.push({ section: 'stuck turns', label: `${hanging.kind} turn hanging`, from: Math.max(since, start), to: end });
  const kept = bars.sort((a, b) => a.from - b.from).slice(-MERMAID_MAX_ITEMS);
  const lines = ['gantt', `  title Capture window (${hours}h before capture, UTC)`, '  dateFormat YYYY-MM-DD HH:mm:ss', '  axisFormat %H:%M'];
  const sections = [...new Set(kept.map((b) => b.section))];
  let n = 0;
  for (const section of sections) {
    lines.push(`  section ${mermaidLabel(section)}`);
    for (const b of kept.filter((x) => x.section === section)) {
      n += 1;
      const label = mermaidLabel(b.label);
      lines.push(b.to === null ? `  ${label} :milestone, m${n}, ${stamp(b.from)}, 0m` : `  ${label} :crit, b${n}, ${stamp(b.from)}, ${stamp(Math.max(b.to, b.from + 60_000))}`);
    }
  }
  lines.push('  section capture', `  window start :milestone, ws, ${stamp(start)}, 0m`, `  captured :milestone, cap, ${stamp(end)}, 0m`);
  return lines.join('\n');
}

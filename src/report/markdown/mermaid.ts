import { artifactSpec } from '../../bundle/artifacts.js';
import type { Diagnosis, Evidence, TimelineEntry } from '../../replay/types.js';
import { clean } from './escape.js';
import { plural, tidyCounts } from './plural.js';

// The incident as a picture GitHub renders: a Mermaid gantt of the capture window. First the verdict's own
// evidence (the failing layer's findings and its scenarios' evidence, error patterns by their first and last
// record), then failed prompts and tool errors, unanswered and stuck turns, restarts, fallback periods,
// degraded-mode spans and unacked messages with their age, and the capture time. The daemon logs carry no
// timestamps: a record without a time of its own is placed by the nearest timed record of its file, or at the
// file's last write, or (for what was read at capture: commands, Redis, k8s, /health) at the capture time, and
// its label says so. Kept small: a chart of 300 bars helps nobody.

/** At most this many bars and milestones; the verdict's evidence first, then the newest of the rest. */
export const MERMAID_MAX_ITEMS = 24;
/** Of those, at most this many for the verdict's evidence, failures and unacked messages each. */
const EVIDENCE_MAX = 10;
const FAILURES_MAX = 6;
const UNACKED_MAX = 4;
const LABEL_MAX = 110;

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

/** A failed prompt or tool call, as the timeline words it (session errors, OTEL events that did not succeed). */
const FAILURE = /^(assistant (error|aborted)|tool error)\b|\(failed\)|prompt\.failed|prompt failed/i;
const UNACKED = /^unacked stream entry \S+\s*(.*)$/;

// Why: Mermaid treats `:` as the label/data separator, `;` as a statement end and `#` as an entity start.
export function mermaidLabel(s: string): string {
  const t = clean(s).replace(/\s+/g, ' ').replace(/[:;#`"'<>{}[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  return (t.length > LABEL_MAX ? `${t.slice(0, LABEL_MAX - 1)}…` : t) || 'event';
}

/** Mermaid's `YYYY-MM-DD HH:mm:ss` in UTC. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** "11.53" for a label (a colon would end it). */
const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 16).replace(':', '.');

/** An artifact id without its kind folder: `gateway.err`, `otel-search/gateway`, `messages-stream`. */
const shortId = (artifact: string): string => artifact.replace(/^(files|cmd|redis|k8s|http|host)\//, '');

/** A few words of a text for a label, cut at a word: a picture names things, the report above tells them. */
function brief(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const atWord = flat.slice(0, max + 1).replace(/\s+\S*$/, '');
  // A long word (an OTEL action) is cut inside rather than dropped whole.
  const cut = atWord.length >= max / 2 ? atWord : flat.slice(0, max);
  return `${cut.replace(/[\s.,;:]+$/, '')}…`;
}

interface Item {
  section: string;
  label: string;
  from: number;
  to: number | null; // null: a milestone
}

/** Lower-casing once and `includes` keep this linear and cheap on a timeline of tens of thousands of entries. */
function kindOf(e: TimelineEntry): Kind | null {
  const t = String(e.text).toLowerCase();
  for (const [kind, words, re] of KINDS) if (words.some((w) => t.includes(w)) && (re === null || re.test(e.text))) return kind;
  return null;
}

/** Spans that open and close (fallback, degraded mode); one still open at capture ends at the capture time. */
function spans(events: Array<{ kind: Kind; at: number }>, on: Kind, off: Kind, label: string, end: number): Item[] {
  const out: Item[] = [];
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

// Why: one restart is seen by several sources (lifecycle marker, log record, OTEL) at the same instant; one
// milestone per instant keeps the picture readable.
function milestones(events: ReadonlyArray<{ kind: Kind; at: number; text: string }>, kind: Kind, section: string): Item[] {
  const seen = new Set<number>();
  return events.filter((e) => e.kind === kind && !seen.has(e.at) && seen.add(e.at)).map((e) => ({ section, label: e.text, from: e.at, to: null }));
}

interface Placed {
  at: number;
  /** Empty when the record has its own time; else how it was placed, in words. */
  how: string;
  /** The timeline's words for a record with its own time. */
  text?: string;
}

/** Where on the clock a piece of evidence goes: its own time, the nearest timed record, the file's write, or capture. */
function placer(d: Diagnosis, capture: number): (e: Evidence) => Placed | null {
  const lined = new Map<string, Array<{ line: number; at: number; text: string }>>();
  const written = new Map<string, number>();
  for (const t of d.timeline) {
    const at = Date.parse(t.at);
    if (t.capture || t.artifact === undefined || !Number.isFinite(at)) continue;
    if (t.line !== undefined) {
      const list = lined.get(t.artifact) ?? [];
      list.push({ line: t.line, at, text: t.text });
      lined.set(t.artifact, list);
    } else if (t.source === 'file') written.set(t.artifact, at); // "<file> last modified": the mtime
  }
  return (e) => {
    const entries = lined.get(e.artifact) ?? [];
    if (e.line !== undefined) {
      const own = entries.find((x) => x.line === e.line);
      if (own) return { at: own.at, how: '', text: own.text };
      let near: (typeof entries)[number] | undefined;
      for (const x of entries) if (!near || Math.abs(x.line - e.line) < Math.abs(near.line - e.line)) near = x;
      if (near) return { at: near.at, how: `no own time, placed by line ${near.line}` };
    }
    const w = written.get(e.artifact);
    if (w !== undefined) return { at: w, how: `no own time, file written ${clock(w)}` };
    const kind = artifactSpec(e.artifact)?.kind;
    if (kind && kind !== 'file') return { at: capture, how: 'read at capture' };
    return null;
  };
}

/** "gateway.err 1 … 49 and session.jsonl 19": each artifact once, its lines as a span. */
function whereText(where: ReadonlyMap<string, number[]>): string {
  const parts = [...where].map(([id, lines]) => {
    if (lines.length === 0) return id;
    const lo = Math.min(...lines);
    const hi = Math.max(...lines);
    return lo === hi ? `${id} ${lo}` : `${id} ${lo} … ${hi}`;
  });
  return parts.length <= 2 ? parts.join(' and ') : `${parts.slice(0, 2).join(', ')} and ${parts.length - 2} more`;
}

/** The verdict's evidence: its error patterns by first and last record, its findings' and scenarios' evidence. */
function verdictEvidence(d: Diagnosis, place: (e: Evidence) => Placed | null): { items: Item[]; drawn: Set<string> } {
  const drawn = new Set<string>();
  const layer = d.layers.find((l) => l.id === d.verdict.layer);
  if (!layer) return { items: [], drawn };
  const section = `${layer.id} ${layer.status} evidence`;
  // Records placed on one instant the same way (a file's last write, the capture) make one milestone.
  const groups = new Map<string, { at: number; how: string; whats: Set<string>; where: Map<string, number[]> }>();
  const add = (what: string, ...evidence: Evidence[]) => {
    const fresh = evidence.filter((e) => !drawn.has(`${e.artifact}:${e.line ?? ''}`));
    for (const e of evidence) drawn.add(`${e.artifact}:${e.line ?? ''}`);
    const p = fresh[0] ? place(fresh[0]) : null;
    if (!p) return;
    const key = p.how === '' ? `${p.at} ${fresh[0]!.artifact}:${fresh[0]!.line}` : `${p.at} ${p.how}`;
    const g = groups.get(key) ?? { at: p.at, how: p.how, whats: new Set<string>(), where: new Map<string, number[]>() };
    g.whats.add(p.text === undefined ? what : brief(p.text));
    for (const e of fresh) {
      const lines = g.where.get(shortId(e.artifact)) ?? [];
      if (e.line !== undefined) lines.push(e.line);
      g.where.set(shortId(e.artifact), lines);
    }
    groups.set(key, g);
  };
  const hits = d.patterns.filter((h) => layer.findings.some((f) => f.messageId === `pattern:${h.id}`));
  for (const h of hits) {
    const first = { artifact: h.artifact, line: h.lines[0] ?? h.lastLine };
    const last = { artifact: h.artifact, line: h.lastLine };
    const records = plural(h.count, 'record');
    const [a, b] = [place(first), place(last)];
    // First and last record on one instant (both placed by the file's last write): one milestone for the span.
    if (first.line === last.line || (a && b && a.at === b.at && a.how === b.how && a.how !== '')) add(`${h.label} ${records}`, first, last);
    else {
      add(`${h.label} first of ${records}`, first);
      add(`${h.label} last of ${records}`, last);
    }
  }
  const told = `${layer.id} ${layer.status} ${brief(tidyCounts(layer.detail), 32)}`;
  for (const f of layer.findings) if (f.severity !== 'info') for (const e of f.evidence) add(told, e);
  for (const s of d.scenarios.filter((x) => x.layer === layer.id)) for (const e of s.evidence) add(`scenario ${s.id}`, e);
  const list = (xs: string[]) => (xs.length <= 2 ? xs.join(' and ') : `${xs[0]} and ${xs.length - 1} more`);
  // A scenario's name is said only where nothing more specific (a pattern, the layer's words) is.
  const named = (whats: Set<string>) => {
    const specific = [...whats].filter((w) => !w.startsWith('scenario '));
    return specific.length > 0 ? specific : [...whats];
  };
  const items = [...groups.values()]
    .map((g) => ({ section, label: `${list(named(g.whats))} (${whereText(g.where)})${g.how ? `, ${g.how}` : ''}`, from: g.at, to: null }))
    .sort((a, b) => a.from - b.from)
    .slice(0, EVIDENCE_MAX);
  return { items, drawn };
}

// Why: the diagram's source text (null when the capture time does not parse); the template fences it as mermaid.
export function mermaidGantt(d: Diagnosis): string | null {
  const end = Date.parse(d.bundle.collectedAt);
  if (!Number.isFinite(end)) return null;
  const h = d.collection.options.hours;
  const hours = typeof h === 'number' && h > 0 && h < 24 * 366 ? h : 1;
  const start = end - hours * 3_600_000;
  const inWindow = (at: number) => Number.isFinite(at) && at >= start && at <= end;
  const { items: evidence, drawn } = verdictEvidence(d, placer(d, end));
  const events: Array<{ kind: Kind; at: number; text: string }> = [];
  const failures: Item[] = [];
  const unacked: Item[] = [];
  for (const e of d.timeline) {
    const at = Date.parse(e.at);
    if (!inWindow(at)) continue;
    const kind = kindOf(e);
    if (kind) events.push({ kind, at, text: e.text });
    else if (FAILURE.test(e.text) && !drawn.has(`${e.artifact}:${e.line ?? ''}`)) failures.push({ section: 'failures', label: brief(e.text, 60), from: at, to: null });
    const u = e.source === 'redis' ? UNACKED.exec(e.text) : null;
    if (u) unacked.push({ section: 'unacked messages', label: `unacked ${Math.round((end - at) / 60_000)} min at capture${u[1] ? ` (${u[1]})` : ''}`, from: at, to: end });
  }
  events.sort((a, b) => a.at - b.at);
  const session = d.session;
  const hanging = session?.hangingTurn;
  const since = hanging ? Date.parse(hanging.since) : Number.NaN;
  const stuck = [...milestones(events, 'stuck', 'stuck turns')];
  if (hanging && Number.isFinite(since)) stuck.push({ section: 'stuck turns', label: `${hanging.kind} turn hanging ${hanging.ageMinutes} min at capture`, from: Math.max(since, start), to: end });
  const unanswered: Item[] = (session?.unansweredTurns ?? [])
    .map((t) => ({ at: Date.parse(t.at), line: t.line }))
    .filter((t) => inWindow(t.at) && t.at !== since)
    .map((t) => ({ section: 'unanswered prompts', label: `prompt with no answer, session.jsonl ${t.line}`, from: t.at, to: null }));
  const newest = (items: Item[], n: number) => items.sort((a, b) => a.from - b.from).slice(-n);
  const rest: Item[] = [
    ...newest(failures, FAILURES_MAX),
    ...newest(unanswered, FAILURES_MAX),
    ...stuck,
    ...milestones(events, 'restart', 'restarts'),
    ...spans(events, 'fallbackOn', 'fallbackOff', 'fallback model', end),
    ...spans(events, 'degradedOn', 'degradedOff', 'redis_degraded mode', end),
    ...unacked.sort((a, b) => a.from - b.from).slice(0, UNACKED_MAX),
  ];
  const kept = [...evidence, ...newest(rest, Math.max(0, MERMAID_MAX_ITEMS - evidence.length))];
  return ganttText(kept.map((it) => inside(it, start, end)), hours, start, end);
}

/** The date and time for a label: "11-25 11.00". */
const when = (ms: number): string => `${new Date(ms).toISOString().slice(5, 10)} ${clock(ms)}`;

// Why: the picture is the capture window; evidence from before it (a process started two days ago, a stale
// heartbeat) sits at its left edge and says when it was, a clock skewed past the capture at its right edge.
function inside(it: Item, start: number, end: number): Item {
  if (it.from < start) return { ...it, label: `${it.label}, at ${when(it.from)} (before the window)`, from: start, to: it.to === null ? null : Math.max(it.to, start) };
  if (it.from > end) return { ...it, label: `${it.label}, at ${when(it.from)} (after capture)`, from: end, to: it.to === null ? null : end };
  return it;
}

/** The sections after the verdict's evidence, in this order. */
const SECTION_ORDER = ['failures', 'unanswered prompts', 'stuck turns', 'restarts', 'fallback model', 'redis_degraded mode', 'unacked messages'];

/** The gantt source: the verdict's evidence first, then one section per kind of item, items in time order. */
function ganttText(items: readonly Item[], hours: number, start: number, end: number): string {
  const lines = ['gantt', `  title Capture window (${hours}h before capture, UTC)`, '  dateFormat YYYY-MM-DD HH:mm:ss', '  axisFormat %H:%M'];
  const rank = (section: string) => SECTION_ORDER.indexOf(section); // -1: the evidence section, first
  let n = 0;
  for (const section of [...new Set(items.map((b) => b.section))].sort((a, b) => rank(a) - rank(b))) {
    lines.push(`  section ${mermaidLabel(section)}`);
    for (const b of items.filter((x) => x.section === section).sort((x, y) => x.from - y.from)) {
      n += 1;
      // Labels are cleaned only for the items kept: a log of 80,000 restarts must not clean 80,000 labels.
      const label = mermaidLabel(b.label);
      lines.push(b.to === null ? `  ${label} :milestone, m${n}, ${stamp(b.from)}, 0m` : `  ${label} :crit, b${n}, ${stamp(b.from)}, ${stamp(Math.max(b.to, b.from + 60_000))}`);
    }
  }
  lines.push('  section capture', `  window start :milestone, ws, ${stamp(start)}, 0m`, `  captured :milestone, cap, ${stamp(end)}, 0m`);
  return lines.join('\n');
}

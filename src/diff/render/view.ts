import { humanDuration } from '../../replay/layers/process.js';
import type { Value } from '../readings.js';
import type { DiffResult, LayerDiff, Reading } from '../schema.js';

// DiffResult -> the plain object templates/diff.md.hbs lays out (handlebars `strict`: every key present).
// Text stays raw; the template escapes it where it lands. Long tables are cut here, by the level's limits,
// with a note that names the JSON form, which always has everything.

export interface DiffLimits {
  /** Changed figure / machine rows shown, each. */
  rows: number;
  /** Whether the unchanged rows are listed (folded). */
  unchanged: boolean;
}

/** Level 0 is the whole diff; each later level is smaller. */
export const DIFF_LEVELS: readonly DiffLimits[] = [
  { rows: 400, unchanged: true },
  { rows: 120, unchanged: false },
  { rows: 40, unchanged: false },
  { rows: 10, unchanged: false },
];

const HEADLINE: Record<DiffResult['outcome'], { icon: string; text: string }> = {
  worse: { icon: '❌', text: 'Worse' },
  better: { icon: '✅', text: 'Better' },
  changed: { icon: '🔄', text: 'Changed' },
  'no-change': { icon: '➖', text: 'No change' },
};

const LAYER_CHANGE: Record<LayerDiff['change'], string> = {
  'new-failure': '🔺 **new failure**',
  worse: '🔺 **worse status**',
  'lost-visibility': '🔺 **lost visibility**',
  resolved: '🟢 resolved',
  better: '🟢 better',
  'gained-visibility': 'gained visibility',
  changed: 'changed',
  unchanged: '·',
};

function elapsedText(seconds: number): string {
  if (seconds === 0) return 'captured at the same instant';
  return seconds > 0 ? `${humanDuration(seconds)} later` : `${humanDuration(-seconds)} EARLIER`;
}

/** A value as a reader wants it: units spelled, durations human, unknown with its reason. */
function valueText(r: Reading, v: Value, why: string | undefined): string {
  if (v === null) return `unknown (${why ?? 'not found'})`;
  if (typeof v === 'string') return v;
  if (r.unit === 's') return humanDuration(v);
  if (r.unit === 'min') return `${v} min`;
  if (r.unit === '%') return `${v}%`;
  return String(v);
}

function changeText(r: Reading): string {
  const mark = r.better === true ? ' 🟢 better' : r.better === false ? ' 🔺 worse' : '';
  switch (r.change) {
    case 'up':
      return `↑${mark}`;
    case 'down':
      return `↓${mark}`;
    case 'lost-visibility':
      return '🔺 lost visibility';
    case 'gained-visibility':
      return 'gained visibility';
    case 'changed':
      return `changed${mark}${r.note ? `: ${r.note}` : ''}`;
    default:
      return '·';
  }
}

const row = (r: Reading) => ({ label: r.label, old: valueText(r, r.old, r.oldWhy), new: valueText(r, r.new, r.newWhy), change: changeText(r) });

/** Changed rows first (capped), unchanged rows folded (when the level lists them). */
function table(readings: readonly Reading[], lim: DiffLimits, what: string, notes: string[]) {
  const changed = readings.filter((r) => r.change !== 'unchanged');
  const unchanged = readings.filter((r) => r.change === 'unchanged');
  const shown = changed.slice(0, lim.rows);
  if (changed.length > shown.length) notes.push(`${changed.length - shown.length} more changed ${what} are not shown: see \`gwbundle diff OLD NEW --format json\`.`);
  return { changed: shown.map(row), unchanged: lim.unchanged ? unchanged.map(row) : [], unchangedCount: unchanged.length };
}

const shortSha = (sha: string | null) => (sha ? `${sha.slice(0, 12)}…` : 'unknown');
const verdictText = (v: DiffResult['old']['verdict']) => (v.layer ? `${v.status} at ${v.layer}` : v.status);

// Why: one pass over the DiffResult per render level; the template only lays the result out.
export function diffView(d: DiffResult, lim: DiffLimits) {
  const notes: string[] = [];
  const sameHost = d.old.host === d.new.host;
  const patterns = d.figures.filter((f) => f.group === 'patterns');
  return {
    headline: HEADLINE[d.outcome],
    host: sameHost ? d.old.host : `${d.old.host} → ${d.new.host}`,
    oldAt: d.old.collectedAt,
    newAt: d.new.collectedAt,
    elapsed: elapsedText(d.elapsedSeconds),
    summary: d.summary,
    warnings: d.warnings,
    sides: [
      { label: 'verdict', old: verdictText(d.old.verdict), new: verdictText(d.new.verdict) },
      { label: 'captured (UTC)', old: d.old.collectedAt, new: d.new.collectedAt },
      { label: 'host', old: d.old.host, new: d.new.host },
      { label: 'collection window', old: d.old.windowHours === null ? 'unknown' : `${d.old.windowHours} h`, new: d.new.windowHours === null ? 'unknown' : `${d.new.windowHours} h` },
      { label: 'bundle sha256', old: shortSha(d.old.sha256), new: shortSha(d.new.sha256) },
      { label: 'collected by gwbundle', old: d.old.toolVersion, new: d.new.toolVersion },
    ],
    worse: d.worse,
    better: d.better,
    layers: d.layers.map((l) => ({ seed: l.seedLayer, id: l.id, old: l.old.status, new: l.new.status, change: LAYER_CHANGE[l.change] })),
    // Worse and better layers are told in full above the table; the neutral changes are told under it.
    otherLayers: d.layers
      .filter((l) => l.change === 'changed' || l.change === 'gained-visibility')
      .map((l) => ({ id: l.id, old: l.old.status, new: l.new.status, oldText: l.old.reason ?? l.old.detail, newText: l.new.reason ?? l.new.detail })),
    scenarios: d.scenarios.map((s) => ({ id: s.id, title: s.title, layer: s.layer, change: s.change === 'appeared' ? '🔺 appeared' : s.change === 'resolved' ? '🟢 resolved' : 'still present' })),
    figures: table(d.figures.filter((f) => f.group !== 'patterns'), lim, 'figures', notes),
    patterns: { ...table(patterns, lim, 'error-pattern counts', notes), oldWindow: d.old.windowHours ?? '?', newWindow: d.new.windowHours ?? '?' },
    machine: table(d.machine, lim, 'machine facts', notes),
    notes,
  };
}

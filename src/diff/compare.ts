import { humanDuration } from '../replay/layers/process.js';
import type { Diagnosis } from '../replay/types.js';
import { figureDefs } from './figures.js';
import { WORSE_LAYER_CHANGES, diffLayers, diffScenarios } from './layers.js';
import { machineDefs } from './machine.js';
import { compareReading } from './readings.js';
import { DIFF_SCHEMA_ID, type DiffResult, type LayerDiff, type Reading, type ScenarioDiff } from './schema.js';

// OLD x NEW -> DiffResult: a pure comparison of two replayed diagnoses, in findings, not bytes. Worse is what
// the contract's exit code 3 means: a new failure (a layer now failed, or a known scenario that explains a sick
// layer), a worse status, or lost visibility (a layer, figure or machine fact known in OLD, unknown in NEW).

const LAYER_WORDS: Record<LayerDiff['change'], string> = {
  'new-failure': 'new failure',
  worse: 'worse status',
  'lost-visibility': 'lost visibility',
  resolved: 'resolved',
  better: 'better',
  'gained-visibility': 'gained visibility',
  changed: 'changed',
  unchanged: 'unchanged',
};

/** What a side of a layer says: the reason when unknown or skipped, else its detail. */
const account = (s: LayerDiff['old']): string => (s.status === 'unknown' || s.status === 'skipped' ? (s.reason ?? s.detail) : s.detail);

const layerLine = (l: LayerDiff): string => `${LAYER_WORDS[l.change]}: ${l.id} ${l.old.status} → ${l.new.status} (now: ${account(l.new)}; was: ${account(l.old)})`;

/** Figures and machine facts named in the one "lost visibility" line; the tables have them all with their reasons. */
const UNSEEN_NAMED = 6;

function unseenLine(unseen: readonly Reading[]): string {
  const named = unseen.slice(0, UNSEEN_NAMED).map((r) => r.label);
  const more = unseen.length > named.length ? ` and ${unseen.length - named.length} more` : '';
  return `lost visibility: ${named.join('; ')}${more} (known in OLD, unknown in NEW: ${unseen[0]?.newWhy ?? 'not found'})`;
}

/** A scenario that appeared is a new failure when the layer it explains is failed or degraded in NEW. */
function scenarioIsFailure(s: ScenarioDiff, layers: readonly LayerDiff[]): boolean {
  const status = layers.find((l) => l.id === s.layer)?.new.status;
  return status === 'failed' || status === 'degraded';
}

const side = (d: Diagnosis): DiffResult['old'] => {
  const hours = d.collection.options.hours;
  return {
    sha256: d.bundle.sha256,
    collectedAt: d.bundle.collectedAt,
    host: d.bundle.host,
    toolVersion: d.bundle.toolVersion,
    windowHours: typeof hours === 'number' && Number.isFinite(hours) ? hours : null,
    verdict: { ...d.verdict },
  };
};

function warningsOf(old: DiffResult['old'], now: DiffResult['new'], elapsed: number): string[] {
  const out: string[] = [];
  if (old.sha256 !== null && old.sha256 === now.sha256) out.push('OLD and NEW are the same bundle.');
  if (elapsed < 0) out.push(`NEW was captured ${humanDuration(Math.round(-elapsed))} before OLD: were they given in the wrong order?`);
  if (old.host !== now.host) out.push(`OLD and NEW come from different hosts (${old.host}, ${now.host}): the changes are between two machines, not one machine's history.`);
  if (old.windowHours !== now.windowHours) {
    out.push(`The collection windows differ (${old.windowHours ?? '?'} h, ${now.windowHours ?? '?'} h): counts taken in the window are not comparable one to one.`);
  }
  return out;
}

/** One sentence: the outcome, then each kind of change with the layers or scenarios it names. */
function summaryOf(outcome: DiffResult['outcome'], layers: readonly LayerDiff[], scenarios: readonly ScenarioDiff[], failures: readonly ScenarioDiff[], unseen: readonly Reading[], others: number): string {
  if (outcome === 'no-change') return 'No change: the same layer statuses, scenarios, figures and machine facts.';
  const ids = (change: LayerDiff['change']) => layers.filter((l) => l.change === change).map((l) => l.id);
  const inLayers = (changes: ReadonlyArray<LayerDiff['change']>) =>
    changes.filter((c) => ids(c).length > 0).map((c) => `${LAYER_WORDS[c]} in ${ids(c).join(', ')}`);
  const resolved = scenarios.filter((s) => s.change === 'resolved');
  const parts = [
    ...inLayers(['new-failure', 'worse', 'lost-visibility']),
    failures.length > 0 ? `scenario ${failures.map((s) => s.id).join(', ')} appeared` : '',
    unseen.length > 0 ? `${unseen.length} figure${unseen.length === 1 ? '' : 's'} no longer known` : '',
    ...inLayers(['resolved', 'better']),
    resolved.length > 0 ? `scenario ${resolved.map((s) => s.id).join(', ')} resolved` : '',
    ...inLayers(['gained-visibility']),
  ].filter(Boolean);
  if (others > 0) parts.push(`${others} other change${others === 1 ? '' : 's'}`);
  const head = { worse: 'Worse', better: 'Better', changed: 'Changed' }[outcome];
  return `${head}: ${parts.join('; ')}.`;
}

// Why: the one entry point: `gwbundle diff` replays both bundles and hands the diagnoses here.
export function diffDiagnoses(old: Diagnosis, now: Diagnosis): DiffResult {
  const layers = diffLayers(old, now);
  const scenarios = diffScenarios(old, now);
  const figures = figureDefs(old, now).map((d) => compareReading(d, old, now));
  const machine = machineDefs(old, now).map((d) => compareReading(d, old, now));
  const failures = scenarios.filter((s) => s.change === 'appeared' && scenarioIsFailure(s, layers));
  const unseen = [...figures, ...machine].filter((r) => r.change === 'lost-visibility');
  const worse = [
    ...layers.filter((l) => WORSE_LAYER_CHANGES.has(l.change)).map(layerLine),
    ...failures.map((s) => `appeared: scenario ${s.id} (${s.title})`),
    ...(unseen.length > 0 ? [unseenLine(unseen)] : []),
  ];
  const better = [
    ...layers.filter((l) => l.change === 'resolved' || l.change === 'better').map(layerLine),
    ...scenarios.filter((s) => s.change === 'resolved').map((s) => `resolved: scenario ${s.id} (${s.title})`),
  ];
  // Everything else that moved: neutral layer changes, scenarios that explain no sick layer, figures, machine facts.
  const others =
    layers.filter((l) => l.change === 'changed').length +
    scenarios.filter((s) => s.change === 'appeared' && !failures.includes(s)).length +
    [...figures, ...machine].filter((r) => r.change !== 'unchanged' && r.change !== 'lost-visibility').length;
  const gained = layers.some((l) => l.change === 'gained-visibility');
  const outcome = worse.length > 0 ? 'worse' : better.length > 0 ? 'better' : gained || others > 0 ? 'changed' : 'no-change';
  const o = side(old);
  const n = side(now);
  const elapsedSeconds = Math.round((Date.parse(n.collectedAt) - Date.parse(o.collectedAt)) / 1000);
  return {
    schema: DIFF_SCHEMA_ID,
    outcome,
    summary: summaryOf(outcome, layers, scenarios, failures, unseen, others),
    worse,
    better,
    old: o,
    new: n,
    elapsedSeconds: Number.isFinite(elapsedSeconds) ? elapsedSeconds : 0,
    warnings: warningsOf(o, n, elapsedSeconds),
    layers,
    scenarios,
    figures,
    machine,
  };
}

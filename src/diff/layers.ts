import { LAYER_IDS, type Diagnosis, type LayerResult, type LayerStatus } from '../replay/types.js';
import type { LayerChange, LayerDiff, ScenarioDiff } from './schema.js';

// Layers and scenarios, OLD against NEW. Statuses rank ok < degraded < failed; `unknown` (evidence that should
// be there was not) and `skipped` (does not apply, not requested) are off that scale, so moving to or from
// them is a change of visibility, not of health.

const RANK: Partial<Record<LayerStatus, number>> = { ok: 0, degraded: 1, failed: 2 };
const known = (s: LayerStatus): boolean => RANK[s] !== undefined;

/** Changes that make `gwbundle diff` exit 3. */
export const WORSE_LAYER_CHANGES: ReadonlySet<LayerChange> = new Set(['new-failure', 'worse', 'lost-visibility']);

// Why: one rule for every layer. A failure hidden behind `unknown` or `skipped` is lost visibility, never
// "resolved": a fix that only hides the evidence must not pass for one.
export function layerChange(old: LayerStatus, now: LayerStatus): LayerChange {
  if (old === now) return 'unchanged';
  if (now === 'failed') return 'new-failure';
  if (now === 'unknown') return known(old) ? 'lost-visibility' : 'changed';
  if (now === 'skipped') return old === 'failed' || old === 'degraded' ? 'lost-visibility' : 'changed';
  if (!known(old)) return 'gained-visibility';
  if ((RANK[now] ?? 0) > (RANK[old] ?? 0)) return 'worse';
  return now === 'ok' ? 'resolved' : 'better';
}

const sideOf = (l: LayerResult | undefined): LayerDiff['old'] =>
  l
    ? { status: l.status, detail: l.detail, ...(l.reason === undefined ? {} : { reason: l.reason }) }
    : { status: 'unknown', detail: 'not in this diagnosis', reason: 'this layer is not in the diagnosis of this bundle' };

// Why: every layer of the contract's table in its order, whatever either diagnosis holds.
export function diffLayers(old: Diagnosis, now: Diagnosis): LayerDiff[] {
  return LAYER_IDS.map((id) => {
    const a = old.layers.find((l) => l.id === id);
    const b = now.layers.find((l) => l.id === id);
    const o = sideOf(a);
    const n = sideOf(b);
    return { id, seedLayer: (b ?? a)?.seedLayer ?? LAYER_IDS.indexOf(id) - 1, title: (b ?? a)?.title ?? id, old: o, new: n, change: layerChange(o.status, n.status) };
  });
}

// Why: scenarios by id: appeared, resolved, still present (OLD's order, then NEW's new ones).
export function diffScenarios(old: Diagnosis, now: Diagnosis): ScenarioDiff[] {
  const inNew = new Set(now.scenarios.map((s) => s.id));
  const inOld = new Set(old.scenarios.map((s) => s.id));
  return [
    ...old.scenarios.map((s) => ({ id: s.id, title: s.title, layer: s.layer, change: inNew.has(s.id) ? ('still-present' as const) : ('resolved' as const) })),
    ...now.scenarios.filter((s) => !inOld.has(s.id)).map((s) => ({ id: s.id, title: s.title, layer: s.layer, change: 'appeared' as const })),
  ];
}

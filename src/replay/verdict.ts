import type { LayerResult, Verdict } from './types.js';

// The contract's verdict: the first layer in procedure order that failed; if none failed, the first that
// degraded; otherwise healthy. Unknown layers never make a bundle look healthy or sick: the report lists them.
export function verdictOf(layers: readonly LayerResult[]): Verdict {
  const failed = layers.find((l) => l.status === 'failed');
  const degraded = layers.find((l) => l.status === 'degraded');
  const unknown = layers.filter((l) => l.status === 'unknown').map((l) => l.id);
  const unknownNote = unknown.length > 0 ? `; ${unknown.length} layer(s) unknown (${unknown.join(', ')})` : '';
  const worst = failed ?? degraded;
  if (!worst) {
    return { status: 'ok', layer: null, summary: `no layer failed or degraded${unknownNote}` };
  }
  const counts = `${layers.filter((l) => l.status === 'failed').length} failed, ${layers.filter((l) => l.status === 'degraded').length} degraded`;
  return {
    status: failed ? 'failed' : 'degraded',
    layer: worst.id,
    summary: `${worst.id} ${worst.status}: ${worst.detail} (${counts}${unknownNote})`,
  };
}

import type { DiagnoseLayer } from '../replay/diagnose-sublayers.js';
import type { LayerResult, LayerStatus } from '../replay/types.js';

// Statuses in the real diagnose's vocabulary for `--format diagnose`; replay hands over L1-L7 itself
// (`Diagnosis.diagnoseLayers`).

export type RealStatus = DiagnoseLayer['status'];

/** The real shape has no `unknown`: it becomes `skipped`, and the detail says it was unknown and why. */
export function toRealStatus(l: Pick<LayerResult, 'status' | 'reason' | 'detail'>): { status: RealStatus; detail: string } {
  const status: LayerStatus = l.status;
  if (status === 'unknown') return { status: 'skipped', detail: `unknown: ${l.reason ?? l.detail}` };
  if (status === 'skipped' && !/^skipped/i.test(l.detail)) return { status, detail: `Skipped: ${l.reason ?? l.detail}` };
  return { status, detail: l.detail };
}

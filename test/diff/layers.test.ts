import { describe, expect, it } from 'vitest';
import { WORSE_LAYER_CHANGES, diffScenarios, layerChange } from '../../src/diff/layers.js';
import type { LayerStatus } from '../../src/replay/types.js';
import { baseDiagnosis, failedDiagnosis } from '../report/base-diagnosis.js';

// One rule for how a layer moved between OLD and NEW; the contract's "worse" is new failure, worse status
// and lost visibility.

const cases: Array<[LayerStatus, LayerStatus, string]> = [
  ['ok', 'ok', 'unchanged'],
  ['unknown', 'unknown', 'unchanged'],
  ['ok', 'failed', 'new-failure'],
  ['degraded', 'failed', 'new-failure'],
  ['unknown', 'failed', 'new-failure'],
  ['skipped', 'failed', 'new-failure'],
  ['ok', 'degraded', 'worse'],
  ['ok', 'unknown', 'lost-visibility'],
  ['failed', 'unknown', 'lost-visibility'],
  ['degraded', 'unknown', 'lost-visibility'],
  ['failed', 'skipped', 'lost-visibility'],
  ['degraded', 'skipped', 'lost-visibility'],
  ['ok', 'skipped', 'changed'],
  ['skipped', 'unknown', 'changed'],
  ['unknown', 'skipped', 'changed'],
  ['failed', 'ok', 'resolved'],
  ['degraded', 'ok', 'resolved'],
  ['failed', 'degraded', 'better'],
  ['unknown', 'ok', 'gained-visibility'],
  ['unknown', 'degraded', 'gained-visibility'],
  ['skipped', 'ok', 'gained-visibility'],
];

describe('layerChange', () => {
  it.each(cases)('calls %s -> %s "%s"', (old, now, want) => {
    expect(layerChange(old, now)).toBe(want);
  });

  it('never calls a failure that can no longer be seen resolved', () => {
    for (const now of ['unknown', 'skipped'] as const) expect(WORSE_LAYER_CHANGES.has(layerChange('failed', now))).toBe(true);
  });

  it('counts exactly new failures, worse statuses and lost visibility as worse', () => {
    expect([...WORSE_LAYER_CHANGES].sort()).toEqual(['lost-visibility', 'new-failure', 'worse']);
  });
});

describe('diffScenarios', () => {
  it('lists resolved and still-present scenarios in OLD order, then the ones that appeared', () => {
    const failed = failedDiagnosis();
    const s = failed.scenarios[0]!;
    const other = { ...s, id: 'heartbeat-stale', title: 'Heartbeat stale' };
    const old = { ...failed, scenarios: [s, other] };
    const now = { ...baseDiagnosis(), scenarios: [other, { ...s, id: '4a', title: 'Redis retry storm' }] };
    expect(diffScenarios(old, now).map((x) => [x.id, x.change])).toEqual([
      [s.id, 'resolved'],
      ['heartbeat-stale', 'still-present'],
      ['4a', 'appeared'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { BundleView } from '../../src/bundle/view.js';
import { replay } from '../../src/replay/index.js';
import { PRESET_DRAFTS, toSpec } from '../helpers/simulated-host/presets.js';
import type { HostDraft } from '../helpers/simulated-host/presets/draft.js';
import { later, restartedAs, shiftText } from '../helpers/simulated-host/presets/later.js';
import { bundleOfSpec } from '../replay/scenarios/host-bundle.js';

// The diff fixtures capture one machine twice: `later` moves a preset in time without changing it, and
// `restartedAs` restarts its daemon. A time the shift missed would show up as a different age in the diagnosis.

/** The in-memory bundle of a draft, captured at the draft's own clock. */
function viewOf(draft: HostDraft): BundleView {
  const v = bundleOfSpec(toSpec(draft));
  const at = draft.capturedAt;
  return { ...v, manifest: { ...v.manifest, capture: { ...v.manifest.capture, collectedAt: at, finishedAt: at } }, capturedAt: new Date(at) };
}

const HOURS = 26.5;

describe('later', () => {
  it.each(Object.keys(PRESET_DRAFTS).map((p) => [p]))('moves %s in time without changing its diagnosis', (preset) => {
    const draft = PRESET_DRAFTS[preset]!();
    const { bundle: _a, ...before } = replay(viewOf(draft));
    const { bundle: _b, ...after } = replay(viewOf(later(draft, HOURS)));
    expect(JSON.parse(JSON.stringify(after))).toEqual(JSON.parse(shiftText(JSON.stringify(before), HOURS * 3_600_000)));
  });

  it('moves the capture clock and every kind of time it finds', () => {
    const ms = 3_600_000;
    expect(later(PRESET_DRAFTS.healthy!(), 1).capturedAt).toBe('2026-11-27T13:00:00.000Z');
    expect(shiftText('"2026-11-27T12:00:00Z" 2026-11-27T10-00-00-000Z 1795780800000 1795780800 1:M 27 Nov 2026 23:58:12.004', ms)).toBe(
      '"2026-11-27T13:00:00Z" 2026-11-27T11-00-00-000Z 1795784400000 1795784400 1:M 28 Nov 2026 00:58:12.004',
    );
    expect(shiftText('tokens 56000, pid 4242, 12.1795780800000', ms)).toBe('tokens 56000, pid 4242, 12.1795780800000');
  });
});

describe('restartedAs', () => {
  it('gives the same healthy machine under a new pid, one launchd run later, the old pid as the previous one', () => {
    const d = replay(viewOf(restartedAs(later(PRESET_DRAFTS.healthy!(), 2), 5151)));
    expect(d.verdict.status).toBe('ok');
    expect(d.machine.daemon.pid).toBe('5151');
    expect(d.machine.launchd?.runs).toBe(3);
    expect(d.machine.restarts.lifecycle).toMatchObject({ previousPid: 4242, newPid: 5151, completedAt: '2026-11-27T12:59:00.000Z' });
  });
});

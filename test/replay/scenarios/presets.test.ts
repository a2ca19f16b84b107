import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/replay/index.js';
import { PRESET_DRAFTS } from '../../helpers/simulated-host/presets.js';
import { bundleOfPreset } from './host-bundle.js';

// Each simulated-host preset is built to show one scenario: replayed (from the artifacts its spec gives, without
// the collector), it must fire that scenario. Other scenarios may fire beside it where the machine really shows
// them (a substrate outage also degrades Redis).

/** Preset name -> the scenario it is built for. */
const EXPECTED: Record<string, string> = Object.fromEntries(
  Object.keys(PRESET_DRAFTS)
    .filter((n) => n !== 'healthy')
    .map((n) => [n, /^s(\d[a-c]?)-/.exec(n)?.[1] ?? n]),
);

/** Scenarios that may accompany a preset's own, with the reason they are real on that machine. */
const ALSO: Record<string, string[]> = {
  's0-substrate': ['4'], // Redis is down under a live daemon too
  'legacy-daemon-polling': ['4c', 'slim-transport'], // the leftover polls the same token; the slim transport is live
  'context-overflow-black-hole': ['session-pressure-critical'], // the context is past the window: pressure is critical too
};

describe('the simulated-host presets', () => {
  it.each(Object.entries(EXPECTED))('%s fires scenario %s and nothing unexpected', (name, id) => {
    const fired = replay(bundleOfPreset(name)).scenarios.map((s) => s.id);
    expect(fired).toContain(id);
    expect(fired.sort()).toEqual([id, ...(ALSO[name] ?? [])].sort());
  });
});

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../../src/bundle/reader.js';
import { replay } from '../../../src/replay/index.js';
import type { Diagnosis } from '../../../src/replay/types.js';
import { PRESETS } from '../../helpers/simulated-host/presets.js';
import { bundleOfPreset } from './host-bundle.js';

// The scenario tests start from host-bundle.ts, an in-memory stand-in for collect. It must not drift from the
// real collector: for every preset, its bundle and the committed fixture bundle (made by the real collector
// from the same preset) must give the same diagnosis.

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'bundles');

const shape = (d: Diagnosis) => ({
  verdict: `${d.verdict.status} ${d.verdict.layer}`,
  layers: Object.fromEntries(d.layers.map((l) => [l.id, l.status])),
  scenarios: d.scenarios.map((s) => s.id),
});

describe('the in-memory preset bundles of the scenario tests', () => {
  for (const name of Object.keys(PRESETS)) {
    it(`diagnose ${name} the same way as the real collector's fixture bundle`, async () => {
      const real = replay(await openBundle(join(FIXTURES, `${name}.tar.gz`)));
      expect(shape(replay(bundleOfPreset(name)))).toEqual(shape(real));
    });
  }
});

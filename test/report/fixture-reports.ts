import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBundle } from '../../src/bundle/reader.js';
import type { BundleView } from '../../src/bundle/view.js';
import { renderReport } from '../../src/report/index.js';
import { replay } from '../../src/replay/index.js';
import type { Diagnosis } from '../../src/replay/types.js';

// The committed fixture bundles (fixtures/bundles, made by the real collector from the simulated hosts), opened
// and rendered once per test file in all three formats, for the checks that must hold on every one of them.

export const FIXTURE_BUNDLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'bundles');

/** Every fixture's name (its file name without .tar.gz), sorted. */
export const FIXTURE_NAMES: readonly string[] = readdirSync(FIXTURE_BUNDLES)
  .filter((f) => f.endsWith('.tar.gz'))
  .map((f) => f.slice(0, -'.tar.gz'.length))
  .sort();

export interface FixtureReports {
  view: BundleView;
  diagnosis: Diagnosis;
  markdown: string;
  json: string;
  diagnose: string;
}

const cache = new Map<string, Promise<FixtureReports>>();

// Why: one read and one replay per fixture however many tests look at it.
export function fixtureReports(name: string): Promise<FixtureReports> {
  let p = cache.get(name);
  if (!p) {
    p = openBundle(join(FIXTURE_BUNDLES, `${name}.tar.gz`)).then((view) => {
      const diagnosis = replay(view);
      return { view, diagnosis, markdown: renderReport(diagnosis, 'markdown'), json: renderReport(diagnosis, 'json'), diagnose: renderReport(diagnosis, 'diagnose') };
    });
    cache.set(name, p);
  }
  return p;
}

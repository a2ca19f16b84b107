import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openBundle } from '../src/bundle/reader.js';
import { diffDiagnoses, renderDiff } from '../src/diff/index.js';
import type { DiffResult } from '../src/diff/schema.js';
import { replay } from '../src/replay/index.js';
import { toSpec } from '../test/helpers/simulated-host/presets/to-spec.js';
import { DIFF_PAIRS } from '../test/helpers/simulated-host/presets/diff-pairs.js';
import type { SimulatedHostSpec } from '../test/helpers/simulated-host/spec.js';

// The `gwbundle diff` fixtures: for each pair of test/helpers/simulated-host/presets/diff-pairs.ts, OLD and NEW
// bundles collected by the real collector from the pinned simulated host (fixtures/diffs/bundles) and the
// golden diffs of the pair (fixtures/diffs/<pair>.md and .json). `npm run fixtures` collects and renders them
// with the other fixtures; `tsx scripts/make-diff-fixtures.ts [--reports-only] [pair...]` does only these.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIFFS_DIR = join(REPO, 'fixtures', 'diffs');
export const DIFF_BUNDLES_DIR = join(DIFFS_DIR, 'bundles');

/** Every pair name, in the order of DIFF_PAIRS. */
export const DIFF_PAIR_NAMES: readonly string[] = Object.keys(DIFF_PAIRS);

export const pairBundle = (pair: string, side: 'old' | 'new'): string => join(DIFF_BUNDLES_DIR, `${pair}.${side}.tar.gz`);

/** How one machine description becomes a bundle (make-fixtures' pinned simulated host). */
export type CollectHost = (spec: SimulatedHostSpec, outPath: string) => Promise<void>;

/** Collects both sides of each pair (the fixture Redis must be running). */
export async function collectDiffPairs(collect: CollectHost, pairs: readonly string[] = DIFF_PAIR_NAMES): Promise<void> {
  await mkdir(DIFF_BUNDLES_DIR, { recursive: true });
  for (const name of pairs) {
    const pair = DIFF_PAIRS[name];
    if (!pair) throw new Error(`unknown diff pair "${name}" (known: ${DIFF_PAIR_NAMES.join(', ')})`);
    await collect(toSpec(pair.old()), pairBundle(name, 'old'));
    await collect(toSpec(pair.new()), pairBundle(name, 'new'));
    process.stderr.write(`fixtures: diff pair ${name}\n`);
  }
}

/** The diff of a pair's committed bundles, as `gwbundle diff OLD NEW` computes it. */
export async function diffOfPair(pair: string): Promise<DiffResult> {
  const old = replay(await openBundle(pairBundle(pair, 'old')));
  return diffDiagnoses(old, replay(await openBundle(pairBundle(pair, 'new'))));
}

/** The golden Markdown and JSON diffs of a pair. */
export async function renderDiffGoldens(pair: string): Promise<{ markdown: string; json: string }> {
  const diff = await diffOfPair(pair);
  return { markdown: renderDiff(diff, 'markdown'), json: renderDiff(diff, 'json') };
}

/** Renders the golden diffs of the committed pair bundles. */
export async function writeDiffGoldens(pairs: readonly string[] = DIFF_PAIR_NAMES): Promise<void> {
  for (const pair of pairs) {
    const { markdown, json } = await renderDiffGoldens(pair);
    await writeFile(join(DIFFS_DIR, `${pair}.md`), markdown);
    await writeFile(join(DIFFS_DIR, `${pair}.json`), json);
  }
}

async function main(args: string[]): Promise<void> {
  const pairs = args.filter((a) => a !== '--reports-only');
  const names = pairs.length > 0 ? pairs : DIFF_PAIR_NAMES;
  if (!args.includes('--reports-only')) {
    // Imported here, not at the top: make-fixtures imports this module for `npm run fixtures`.
    const { collectFixtureHost, startFixtureRedis } = await import('./make-fixtures.js');
    const redis = await startFixtureRedis();
    try {
      await collectDiffPairs(collectFixtureHost, names);
    } finally {
      await redis.stop();
    }
  }
  await writeDiffGoldens(names);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`make-diff-fixtures: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}

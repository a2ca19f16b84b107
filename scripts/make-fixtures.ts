import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openBundle } from '../src/bundle/reader.js';
import { runCollect } from '../src/collect/index.js';
import { replay } from '../src/replay/index.js';
import { renderReport } from '../src/report/index.js';
import { type PinnedHost, type SimulatedHostSpec, createSimulatedHost } from '../test/helpers/simulated-host/index.js';
import { PRESETS } from '../test/helpers/simulated-host/presets.js';
import { startRedisServer } from '../test/helpers/redis-server.js';
import { collectDiffPairs, writeDiffGoldens } from './make-diff-fixtures.js';

// `npm run fixtures [-- --reports-only] [preset...]`: the example bundles under fixtures/bundles (one per simulated-host preset) and their
// golden reports under fixtures/reports. Everything that ends up inside a bundle is pinned (the machine's
// root path, the /health, k8s and closed ports, the Redis port and DB, the capture clock via
// SOURCE_DATE_EPOCH), so two runs on one machine give byte-identical files; test/e2e/fixtures.test.ts
// checks the committed goldens against the committed bundles.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLES_DIR = join(REPO, 'fixtures', 'bundles');
export const REPORTS_DIR = join(REPO, 'fixtures', 'reports');

/** The Redis the fixtures are seeded into: its URL is recorded in every bundle, so the port is fixed. */
export const FIXTURE_REDIS_PORT = 16390;
export const FIXTURE_REDIS_DB = 1;

/** Paths and ports recorded inside the bundles; 3018 is the gateway's real default WebSocket port. */
export const FIXTURE_PINNED: PinnedHost = { baseDir: '/tmp/gwbundle-fixture-host', healthPort: 3018, k8sPort: 16443, closedPort: 16399 };

/** Every preset name, in the order of PRESETS. */
export const FIXTURE_PRESETS: readonly string[] = Object.keys(PRESETS);

/** A private redis-server on `port` in a temp dir; refuses (one line) when something already listens there. */
export async function startFixtureRedis(port = FIXTURE_REDIS_PORT): Promise<{ stop(): Promise<void> }> {
  // why: the Redis URL is recorded in every bundle, so the port must be the same on every run
  return startRedisServer({ port });
}

/** Collects one preset from its pinned simulated host into `outPath` (replacing any old file). */
export async function makeFixtureBundle(preset: string, outPath: string, redisPort = FIXTURE_REDIS_PORT): Promise<void> {
  const spec = PRESETS[preset];
  if (!spec) throw new Error(`unknown preset "${preset}" (known: ${FIXTURE_PRESETS.join(', ')})`);
  await collectFixtureHost(spec(), outPath, redisPort);
}

/** Collects one machine description from its pinned simulated host into `outPath` (replacing any old file). */
export async function collectFixtureHost(spec: SimulatedHostSpec, outPath: string, redisPort = FIXTURE_REDIS_PORT): Promise<void> {
  await rm(outPath, { force: true });
  const host = await createSimulatedHost(spec, { redisPort, redisDb: FIXTURE_REDIS_DB, pinned: FIXTURE_PINNED });
  try {
    await runCollect(host.collectOptions(), { outPath });
  } finally {
    await host.stop();
  }
}

/** The golden Markdown and JSON reports of a bundle, as `gwbundle report` renders them. */
export async function renderGoldens(bundlePath: string): Promise<{ markdown: string; json: string }> {
  const diagnosis = replay(await openBundle(bundlePath));
  return { markdown: renderReport(diagnosis, 'markdown'), json: renderReport(diagnosis, 'json') };
}

/** Renders one committed bundle's golden reports. */
async function writeGoldens(preset: string): Promise<void> {
  const { markdown, json } = await renderGoldens(join(BUNDLES_DIR, `${preset}.tar.gz`));
  await writeFile(join(REPORTS_DIR, `${preset}.md`), markdown);
  await writeFile(join(REPORTS_DIR, `${preset}.json`), json);
}

/** `[--reports-only] [preset...]`: re-collect and re-render (default), or only re-render the committed bundles. */
async function main(args: string[]): Promise<void> {
  const reportsOnly = args.includes('--reports-only');
  const only = args.filter((a) => a !== '--reports-only');
  const presets = only.length > 0 ? only : FIXTURE_PRESETS;
  await mkdir(BUNDLES_DIR, { recursive: true });
  await mkdir(REPORTS_DIR, { recursive: true });
  if (reportsOnly) {
    for (const preset of presets) await writeGoldens(preset);
    await writeDiffGoldens();
    return;
  }
  const redis = await startFixtureRedis();
  try {
    for (const preset of presets) {
      await makeFixtureBundle(preset, join(BUNDLES_DIR, `${preset}.tar.gz`));
      await writeGoldens(preset);
      process.stderr.write(`fixtures: ${preset}\n`);
    }
    // The diff pairs (scripts/make-diff-fixtures.ts) are collected again on a full run.
    if (only.length === 0) await collectDiffPairs(collectFixtureHost);
  } finally {
    await redis.stop();
  }
  await writeDiffGoldens();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`make-fixtures: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}

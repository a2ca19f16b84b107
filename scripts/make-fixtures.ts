import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, release, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { openBundle } from '../src/bundle/reader.js';
import { runCollect } from '../src/collect/index.js';
import type { Collector } from '../src/collect/types.js';
import { replay } from '../src/replay/index.js';
import { renderReport } from '../src/report/index.js';
import { type PinnedHost, type SimulatedHost, type SimulatedHostSpec, createSimulatedHost } from '../test/helpers/simulated-host/index.js';
import { PRESETS } from '../test/helpers/simulated-host/presets.js';
import { startRedisServer } from '../test/helpers/redis-server.js';
import { collectDiffPairs, writeDiffGoldens } from './make-diff-fixtures.js';

// `npm run fixtures [-- --reports-only] [--accept] [preset...]`: the example bundles under fixtures/bundles (one
// per simulated-host preset) and their golden reports under fixtures/reports, then the `gwbundle diff` pairs
// (scripts/make-diff-fixtures.ts: collected again on a full run, their goldens always re-rendered). Everything that ends up inside a
// bundle is pinned (the machine's root path, the /health, k8s and closed ports, the Redis port and DB, the
// capture clock via SOURCE_DATE_EPOCH), so two runs on one machine give byte-identical files; nothing of the
// building machine itself (kernel, hostname) may end up inside. test/e2e/fixtures.test.ts checks the committed
// goldens against the committed bundles; test/e2e/fixtures-fresh.test.ts regenerates one on free ports.
//
// Every run prints, per fixture, how its diagnosis changes against the committed golden (verdict, layer
// statuses, scenario ids), and refuses to overwrite a fixture whose verdict changes unless --accept is given.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLES_DIR = join(REPO, 'fixtures', 'bundles');
export const REPORTS_DIR = join(REPO, 'fixtures', 'reports');

/** The Redis the fixtures are seeded into: its URL is recorded in every bundle, so the port is fixed. */
export const FIXTURE_REDIS_PORT = 23390;
export const FIXTURE_REDIS_DB = 1;

/**
 * Paths and ports recorded inside the bundles. Fixed, so the bytes are; away from the gateway's own 3018 and
 * 6379 (a user may run this beside a live gateway) and below the kernels' ephemeral ranges (Linux 32768+,
 * macOS 49152+) so no test's kernel-chosen port takes them while fixtures are made.
 */
export const FIXTURE_PINNED: PinnedHost = { baseDir: '/tmp/gwbundle-fixture-host', healthPort: 23018, k8sPort: 23443, closedPort: 23399 };

/** Every preset name, in the order of PRESETS. */
export const FIXTURE_PRESETS: readonly string[] = Object.keys(PRESETS);

/** Where a fixture host runs: the Redis it is seeded into, and what is pinned (absent: free ports, a temp dir). */
export interface FixtureSite {
  redisPort: number;
  pinned?: PinnedHost;
}

/** The site of `npm run fixtures`: everything pinned. */
export const PINNED_SITE: FixtureSite = { redisPort: FIXTURE_REDIS_PORT, pinned: FIXTURE_PINNED };

/** A private redis-server on `port` in a temp dir; refuses (one line) when something already listens there. */
export async function startFixtureRedis(port = FIXTURE_REDIS_PORT): Promise<{ stop(): Promise<void> }> {
  // why: the Redis URL is recorded in every bundle, so the port must be the same on every run
  return startRedisServer({ port });
}

/** A preset's machine description; one line naming the known presets for an unknown one. */
export function presetSpec(preset: string): SimulatedHostSpec {
  const spec = PRESETS[preset];
  if (!spec) throw new Error(`unknown preset "${preset}" (known: ${FIXTURE_PRESETS.join(', ')})`);
  return spec();
}

/** Runs `use` against the simulated host of `spec` at `site`, and stops the host after. */
export async function withFixtureHost<T>(spec: SimulatedHostSpec, site: FixtureSite, use: (host: SimulatedHost) => Promise<T>): Promise<T> {
  const host = await createSimulatedHost(spec, { redisPort: site.redisPort, redisDb: FIXTURE_REDIS_DB, pinned: site.pinned });
  try {
    return await use(host);
  } finally {
    await host.stop();
  }
}

/** Collects `host` into `outPath` (replacing any old file), with the real collectors unless others are given. */
export async function collectFixture(host: SimulatedHost, outPath: string, collectors?: readonly Collector[]): Promise<void> {
  await rm(outPath, { force: true });
  await runCollect(host.collectOptions(), { outPath, ...(collectors ? { collectors } : {}) });
}

/** Every byte of a bundle a reader could see: the tar stream, gunzipped. */
const bundleText = async (bundle: string): Promise<string> => gunzipSync(await readFile(bundle)).toString('latin1');

/**
 * Collects one machine description from its simulated host at `site` into `outPath`, and refuses the bundle if
 * it carries this machine's kernel release or hostname (make-diff-fixtures' CollectHost, too).
 */
export async function collectFixtureHost(spec: SimulatedHostSpec, outPath: string, site: FixtureSite = PINNED_SITE): Promise<void> {
  await withFixtureHost(spec, site, (host) => collectFixture(host, outPath));
  const found = machineFactsIn(await bundleText(outPath), JSON.stringify(spec));
  if (found.length > 0) throw new Error(`${outPath}: the bundle carries this machine's ${found.join(' and ')}: pin it in the simulated host or leave it out`);
}

/** The golden Markdown and JSON reports of a bundle, as `gwbundle report` renders them. */
export async function renderGoldens(bundlePath: string): Promise<{ markdown: string; json: string }> {
  const diagnosis = replay(await openBundle(bundlePath));
  return { markdown: renderReport(diagnosis, 'markdown'), json: renderReport(diagnosis, 'json') };
}

/** What a fixture's golden must not change silently: the verdict, every layer's status, the scenario ids. */
export interface GoldenShape {
  verdict: string;
  layers: Record<string, string>;
  scenarios: string[];
}

/** The shape of a JSON report (`gwbundle report --format json`). */
export function goldenShape(reportJson: string): GoldenShape {
  const r = JSON.parse(reportJson) as {
    verdict: { status: string; layer: string | null };
    layers: Array<{ id: string; status: string }>;
    scenarios: Array<{ id: string }>;
  };
  return {
    verdict: r.verdict.layer ? `${r.verdict.status} at ${r.verdict.layer}` : r.verdict.status,
    layers: Object.fromEntries(r.layers.map((l) => [l.id, l.status])),
    scenarios: r.scenarios.map((s) => s.id).sort(),
  };
}

/** One line per change from `before` (the committed golden, null if none) to `after`; whether the verdict moved. */
export function goldenChanges(before: GoldenShape | null, after: GoldenShape): { lines: string[]; verdictChanged: boolean } {
  if (!before) return { lines: [`new: verdict ${after.verdict}; scenarios [${after.scenarios.join(', ')}]`], verdictChanged: false };
  const lines: string[] = [];
  if (before.verdict !== after.verdict) lines.push(`verdict ${before.verdict} -> ${after.verdict}`);
  for (const id of new Set([...Object.keys(before.layers), ...Object.keys(after.layers)])) {
    const [was, now] = [before.layers[id] ?? 'absent', after.layers[id] ?? 'absent'];
    if (was !== now) lines.push(`layer ${id} ${was} -> ${now}`);
  }
  const gone = before.scenarios.filter((s) => !after.scenarios.includes(s));
  const added = after.scenarios.filter((s) => !before.scenarios.includes(s));
  if (gone.length + added.length > 0) lines.push(`scenarios ${[...added.map((s) => `+${s}`), ...gone.map((s) => `-${s}`)].join(' ')}`);
  return { lines: lines.length > 0 ? lines : [`diagnosis unchanged (${after.verdict})`], verdictChanged: before.verdict !== after.verdict };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const asToken = (s: string) => new RegExp(`(?<![\\w.-])${escapeRegExp(s)}(?![\\w.-])`);

/**
 * Facts of the machine running the collector (its kernel release, its hostname) found as whole tokens in `text`.
 * A fact the simulated host says itself (`simulation`, e.g. its spec as JSON) is not a leak and is not looked for.
 */
export function machineFactsIn(text: string, simulation: string, machine = { kernelRelease: release(), hostname: hostname() }): string[] {
  const facts: Array<[string, string]> = [['kernel release', machine.kernelRelease], ['hostname', machine.hostname]];
  return facts
    .filter(([, value]) => value.length > 0 && value !== 'localhost' && !asToken(value).test(simulation))
    .filter(([, value]) => asToken(value).test(text))
    .map(([what, value]) => `${what} ${value}`);
}

export interface FixtureDirs {
  bundles: string;
  reports: string;
  /** Also the `gwbundle diff` pairs (fixtures/diffs, always there). */
  diffPairs: boolean;
}

const USAGE = 'usage: npm run fixtures -- [--reports-only] [--accept] [preset...]';

/**
 * `[--reports-only] [--accept] [preset...]`: re-collect and re-render (default), or only re-render the committed
 * bundles; print each fixture's diagnosis changes; keep a fixture whose verdict changes unless --accept.
 * Returns the exit code.
 */
export async function main(
  args: string[],
  dirs: FixtureDirs = { bundles: BUNDLES_DIR, reports: REPORTS_DIR, diffPairs: true },
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const flags = args.filter((a) => a.startsWith('-'));
  const unknownFlag = flags.find((f) => !['--reports-only', '--accept'].includes(f));
  if (unknownFlag) throw new Error(`unknown option ${unknownFlag} (${USAGE})`);
  const reportsOnly = flags.includes('--reports-only');
  const accept = flags.includes('--accept');
  const only = args.filter((a) => !a.startsWith('-'));
  for (const p of only) presetSpec(p);
  const presets = only.length > 0 ? only : FIXTURE_PRESETS;
  await mkdir(dirs.bundles, { recursive: true });
  await mkdir(dirs.reports, { recursive: true });
  const staging = await mkdtemp(join(tmpdir(), 'gwbundle-fixtures-'));
  const redis = reportsOnly ? null : await startFixtureRedis();
  const refused: string[] = [];
  try {
    for (const preset of presets) {
      const committed = join(dirs.bundles, `${preset}.tar.gz`);
      const bundle = reportsOnly ? committed : join(staging, `${preset}.tar.gz`);
      if (!reportsOnly) await collectFixtureHost(presetSpec(preset), bundle);
      const goldens = await renderGoldens(bundle);
      const goldenJson = join(dirs.reports, `${preset}.json`);
      const before = await readFile(goldenJson, 'utf8').then(goldenShape, () => null);
      const change = goldenChanges(before, goldenShape(goldens.json));
      log(`fixtures: ${preset}: ${change.lines.join('; ')}`);
      if (change.verdictChanged && !accept) {
        refused.push(preset);
        continue;
      }
      if (!reportsOnly) await copyFile(bundle, committed);
      await writeFile(join(dirs.reports, `${preset}.md`), goldens.markdown);
      await writeFile(goldenJson, goldens.json);
    }
    if (dirs.diffPairs && !reportsOnly && only.length === 0) await collectDiffPairs(collectFixtureHost);
    if (dirs.diffPairs) await writeDiffGoldens();
  } finally {
    await redis?.stop();
    await rm(staging, { recursive: true, force: true, maxRetries: 5 });
  }
  if (refused.length === 0) return 0;
  log(`fixtures: NOT written, their verdict changes: ${refused.join(', ')}; review the lines above, then rerun with --accept if that is intended`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`make-fixtures: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

// `npm run bench`: every figure of issue 14's table in one run, each a whole `gwbundle` process (dist/cli.js,
// built first) timed from spawn to exit, with its peak RSS from its own accounting (process.resourceUsage()
// .maxRSS, via scripts/bench/rusage.mjs). Prints Markdown tables for docs/benchmarks.md and a table of the
// goals. Needs redis-server and gzip on PATH, ~3 GB of free disk in the temp dir, and takes several minutes.
// Run it alone on the machine (flock /tmp/gwbundle-heavy.lock npm run bench); the redaction bench is
// scripts/bench-redact.ts.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '../test/helpers/redis-server.js';
import { bigHostCases } from './bench/collect-cases.js';
import { hostileCases } from './bench/hostile-cases.js';
import type { BenchContext } from './bench/hosts.js';
import type { Run } from './bench/process.js';
import { bundleCases } from './bench/reader-cases.js';
import { slowSourceCases } from './bench/slow-cases.js';
import { type Goal, type Row, goalsTable, markdownTable, secs } from './bench/table.js';

const started = performance.now();
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const log = (m: string) => console.error(`[${secs(performance.now() - started).padStart(8)}] ${m}`);

log('building dist/ (the CLI as users run it)...');
execFileSync(process.execPath, [join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  stdio: 'inherit',
});
const loadAtStart = load();
const work = await mkdtemp(join(tmpdir(), 'gwbundle-bench-'));
const rows: Row[] = [];
const goals: Goal[] = [];
let failed = false;
const redis = await startRedisServer().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
try {
  const ctx: BenchContext = { work, redisPort: redis.port, log };
  const big = await bigHostCases(ctx, rows);
  const slow = await slowSourceCases(ctx, rows);
  const reports = await bundleCases(ctx, rows, big);
  await hostileCases(ctx, rows, big.atCaps.bundle);

  const ratio = big.logs1G.run.ms / big.logs64.run.ms;
  const collects: Run[] = [big.logs64.run, big.logs1G.run, big.atCaps.run, big.atMaxSize.run, ...slow.collects];
  const collectPeak = Math.max(...collects.map((r) => r.peakRssMiB ?? Number.POSITIVE_INFINITY));
  const onLogs1G = reports.find((r) => r.bundle === big.logs1G);
  const reportPeak = Math.max(...reports.map((r) => r.peakRssMiB));
  const worstRatio = Math.max(...reports.map((r) => r.reportMs / r.gunzipMs));
  goals.push(
    { row: 'collect, 1 GiB logs / 64 MiB logs', goal: '<= 1.3', measured: `${secs(big.logs1G.run.ms)} / ${secs(big.logs64.run.ms)} = ${ratio.toFixed(2)}`, met: ratio <= 1.3 },
    { row: 'collect peak RSS, every bench host', goal: '< 200 MB', measured: `${collectPeak} MiB at most (${collects.map((r) => r.peakRssMiB).join(', ')})`, met: collectPeak * 1.048576 < 200 },
    {
      row: `report (whole process) on the ${((onLogs1G?.size ?? 0) / 1e6).toFixed(2)} MB bundle of the 1 GiB-log host / gzip -dc of it`,
      goal: '<= 3',
      measured: `${secs(onLogs1G?.reportMs ?? 0)} / ${secs(onLogs1G?.gunzipMs ?? 0)} = ${((onLogs1G?.reportMs ?? 0) / (onLogs1G?.gunzipMs ?? 1)).toFixed(1)} (worst bundle: ${worstRatio.toFixed(1)})`,
      met: (onLogs1G?.reportMs ?? Infinity) / (onLogs1G?.gunzipMs ?? 1) <= 3,
    },
    { row: 'report peak RSS, every bench bundle', goal: '< 200 MB', measured: `${reportPeak} MiB at most (${reports.map((r) => r.peakRssMiB).join(', ')})`, met: reportPeak * 1.048576 < 200 },
    ...slow.goals,
  );
} catch (e) {
  failed = true;
  console.error(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
} finally {
  await redis.stop();
  await rm(work, { recursive: true, force: true });
}

console.log(`Machine: ${machine}; load average ${loadAtStart} at the start, ${load()} at the end; total ${secs(performance.now() - started)}.\n`);
console.log(goalsTable(goals));
for (const section of ['Collect', 'Reader', 'Report'] as const) console.log(markdownTable(rows, section));
if (failed) process.exit(1);

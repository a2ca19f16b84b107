// `npm run bench`: collect, reader and report figures on this machine, each measured in its own child process
// (wall time of the operation, peak RSS via process.resourceUsage().maxRSS, bytes read via /proc/self/io), printed
// as Markdown tables for docs/benchmarks.md. Needs redis-server on PATH; takes about two minutes on 2 cores.
// Run: npm run bench   (the redaction bench is scripts/bench-redact.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bigHostCases, type BenchContext } from './bench/collect-cases.js';
import { hostileCases } from './bench/hostile-cases.js';
import { bundleCases } from './bench/reader-cases.js';
import { slowSourceCases } from './bench/slow-cases.js';
import { startRedisServer } from '../test/helpers/redis-server.js';
import { type Row, markdownTable, secs } from './bench/table.js';

const started = performance.now();
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), Node ${process.version}, load average ${load()} at start`;
const work = await mkdtemp(join(tmpdir(), 'gwbundle-bench-'));
const rows: Row[] = [];
const ctx: BenchContext = {
  work,
  redisPort: 0,
  rows,
  log: (m) => console.error(`[${secs(performance.now() - started).padStart(7)}] ${m}`),
};

let failed = false;
const redis = await startRedisServer().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
try {
  ctx.redisPort = redis.port;
  const bundles = await bigHostCases(ctx);
  await bundleCases(ctx, bundles.atCaps, 'every big artifact at its cap');
  await bundleCases(ctx, bundles.atMaxSize, 'at --max-size');
  await hostileCases(ctx, bundles.atCaps);
  await slowSourceCases(ctx);
} catch (e) {
  failed = true;
  console.error(`bench: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
} finally {
  await redis.stop();
  await rm(work, { recursive: true, force: true });
}

console.log(`Machine: ${machine}; load average ${load()} at the end; total ${secs(performance.now() - started)}.\n`);
for (const section of ['Collect', 'Reader', 'Report'] as const) console.log(markdownTable(rows, section));
if (failed) process.exit(1);

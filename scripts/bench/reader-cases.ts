import { stat } from 'node:fs/promises';
import type { BigBundles, BigCollect } from './collect-cases.js';
import { type BenchContext, bundleFacts } from './hosts.js';
import { type Run, gunzipMs, runCli } from './process.js';
import { type Row, mb, median, secs } from './table.js';

// Sections "Reader" and "Report" on the bundles the big machine gave: `gwbundle verify`, `inspect` and
// `report` as whole processes, the report compared with `gzip -dc` of the same file (the least any reader of
// a .tar.gz must spend). Each is run three times; the median is what the tables show.

const RUNS = 3;

/** A report run three times, with gzip -dc of the same file. */
export interface ReportFigures {
  bundle: BigCollect;
  size: number;
  decoded: number;
  report: Run[];
  reportMs: number;
  gunzipMs: number;
  peakRssMiB: number;
}

async function thrice(run: () => Promise<Run>): Promise<Run[]> {
  const out: Run[] = [];
  for (let i = 0; i < RUNS; i++) out.push(await run());
  return out;
}

const peak = (runs: readonly Run[]): number => Math.max(...runs.map((r) => r.peakRssMiB ?? Number.POSITIVE_INFINITY));
const times = (runs: readonly Run[]): string => `${secs(median(runs.map((r) => r.ms)))} (${runs.map((r) => secs(r.ms)).join(', ')})`;

/** verify and inspect of one bundle, and report against gzip -dc. */
async function oneBundle(ctx: BenchContext, rows: Row[], b: BigCollect): Promise<ReportFigures> {
  const size = (await stat(b.bundle)).size;
  const { decoded } = await bundleFacts(b.bundle, []);
  const name = `${b.label} (${mb(size)} file, ${mb(decoded)} decoded)`;
  ctx.log(`reader: verify, inspect, report of ${name}...`);
  const opts = { env: { PATH: process.env.PATH }, work: ctx.work };
  const verify = await thrice(() => runCli(['verify', b.bundle], opts));
  const inspect = await thrice(() => runCli(['inspect', b.bundle], opts));
  const report = await thrice(() => runCli(['report', b.bundle], { ...opts, stdout: false }));
  const gz: number[] = [];
  for (let i = 0; i < RUNS; i++) gz.push(await gunzipMs(b.bundle));
  const reportMs = median(report.map((r) => r.ms));
  const gunzip = median(gz);
  rows.push(
    { section: 'Reader', what: `gwbundle verify, ${name}`, wall: times(verify), rss: `${peak(verify)} MiB`, notes: verify[0]?.stdout.trim().split('\n').at(-1) ?? '' },
    { section: 'Reader', what: `gwbundle inspect, ${name}`, wall: times(inspect), rss: `${peak(inspect)} MiB`, notes: `exit ${inspect[0]?.code}` },
    {
      section: 'Report',
      what: `gwbundle report (markdown), ${name}`,
      wall: times(report),
      rss: `${peak(report)} MiB`,
      notes: `gzip -dc of the file: ${secs(gunzip)} (${gz.map(secs).join(', ')}); report / gunzip = ${(reportMs / gunzip).toFixed(1)}; exit ${report[0]?.code}`,
    },
  );
  return { bundle: b, size, decoded, report, reportMs, gunzipMs: gunzip, peakRssMiB: peak(report) };
}

/** Every big bundle through verify, inspect and report. */
export async function bundleCases(ctx: BenchContext, rows: Row[], bundles: BigBundles): Promise<ReportFigures[]> {
  const out: ReportFigures[] = [];
  for (const b of [bundles.logs1G, bundles.logs64, bundles.atCaps, bundles.atMaxSize]) out.push(await oneBundle(ctx, rows, b));
  return out;
}


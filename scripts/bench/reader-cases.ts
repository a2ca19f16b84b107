import { stat } from 'node:fs/promises';
import { runChild } from './child.js';
import type { BenchContext } from './collect-cases.js';
import { mb, rssOf, secs } from './table.js';

// Sections "Reader" and "Report" on the biggest bundles a collect makes: verifyBundle, openBundle, then
// replay and both renderers, each in its own process (the issue: "rendering a report for the largest bundle
// --max-size allows takes a few seconds at most").

/** What the report child measured, step by step. */
interface ReportFacts {
  openMs: number;
  replayMs: number;
  markdownMs: number;
  jsonMs: number;
  markdownBytes: number;
  jsonBytes: number;
  verdict: string;
}

/** verify, open, and open + replay + render of `file`, named `label` in the tables. */
export async function bundleCases(ctx: BenchContext, file: string, label: string): Promise<void> {
  ctx.log(`reader: verify / open / report, ${label}...`);
  const size = (await stat(file)).size;
  const verify = await runChild('verify', { file });
  const open = await runChild('open', { file });
  const report = await runChild('report', { file });
  const f = report.facts as unknown as ReportFacts;
  const name = `${label} (${mb(size)} file, ${mb(Number(open.facts.bytes))} decoded)`;
  const verified = verify.facts.ok === true ? 'intact' : `NOT intact: ${String((verify.facts.problems as string[])[0])}`;
  ctx.rows.push(
    { section: 'Reader', what: `verifyBundle, ${name}`, wall: secs(verify.ms), rss: rssOf(verify), notes: `${verified}; ${String(verify.facts.artifacts)} artifacts` },
    { section: 'Reader', what: `openBundle, ${name}`, wall: secs(open.ms), rss: rssOf(open), notes: `every artifact decoded into memory` },
    {
      section: 'Report',
      what: `open + replay + render markdown and json, ${name}`,
      wall: secs(report.ms),
      rss: rssOf(report),
      notes: `open ${secs(f.openMs)}, replay ${secs(f.replayMs)}, markdown ${secs(f.markdownMs)} (${(f.markdownBytes / 1024).toFixed(0)} KiB), json ${secs(f.jsonMs)} (${(f.jsonBytes / 1024).toFixed(0)} KiB); verdict ${f.verdict}`,
    },
  );
}

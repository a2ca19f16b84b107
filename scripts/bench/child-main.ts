import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { A } from '../../src/bundle/artifacts.js';
import type { Manifest } from '../../src/bundle/manifest.js';
import type { CollectOptions } from '../../src/collect/types.js';
import { measure } from './measure.js';

// The measured side of the bench: `node --import tsx scripts/bench/child-main.ts <case> <json args>` runs
// exactly one operation and prints its figures. Each case imports only what it measures (dynamic imports),
// so a reader case's RSS does not carry the collector's modules, and module loading is never in the timing.

type Args = Record<string, unknown>;
type Facts = Record<string, unknown>;
/** A case loads its modules first (not timed), then hands back the operation to time. */
type Case = (args: Args) => Promise<() => Promise<Facts>>;

const ms = (t0: number): number => Math.round(performance.now() - t0);
const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string') throw new Error(`bench child: argument ${name} must be a string`);
  return v;
};

/** The three artifacts whose size the windows and caps decide. */
const BIG_IDS = [A.gatewayLog.id, A.gatewayErrLog.id, A.sessionTranscript.id];

/** Per big artifact: status, full size at the source, bytes kept in the bundle. */
function bigArtifacts(manifest: Manifest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of manifest.artifacts) {
    if (BIG_IDS.includes(a.id)) out[a.id] = { status: a.status, bytesAtSource: a.bytesAtSource, bytes: a.bytes };
  }
  return out;
}

/** Runs the refusal and reports the one-line error, instead of failing the case. */
async function refused(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    const value = await run();
    return { refused: false, value };
  } catch (e) {
    return { refused: true, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

const CASES: Record<string, Case> = {
  async collect(args) {
    const { runCollect } = await import('../../src/collect/index.js');
    const options = { ...(args.options as CollectOptions), now: new Date(str((args.options as Args).now, 'options.now')) };
    return async () => {
      const t0 = performance.now();
      const progress: string[] = [];
      const r = await runCollect(options, { outPath: str(args.outPath, 'outPath'), progress: (m) => progress.push(`${ms(t0)} ${m}`) });
      return { size: r.size, artifacts: r.manifest.artifacts.length, big: bigArtifacts(r.manifest), progress };
    };
  },
  async 'read-all'(args) {
    return async () => {
      let bytes = 0;
      for (const path of args.paths as string[]) {
        for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) bytes += (chunk as Buffer).length;
      }
      return { bytes };
    };
  },
  async verify(args) {
    const { verifyBundle } = await import('../../src/bundle/verify.js');
    return async () => {
      const r = await verifyBundle(str(args.file, 'file'));
      return { ok: r.ok, problems: r.problems.slice(0, 3), artifacts: r.manifest?.artifacts.length ?? null };
    };
  },
  async open(args) {
    const { openBundle } = await import('../../src/bundle/reader.js');
    return async () => {
      const view = await openBundle(str(args.file, 'file'));
      const bytes = [...view.manifest.artifacts].reduce((sum, a) => sum + a.bytes, 0);
      return { artifacts: view.manifest.artifacts.length, bytes, big: bigArtifacts(view.manifest) };
    };
  },
  async report(args) {
    const { openBundle } = await import('../../src/bundle/reader.js');
    const { replay } = await import('../../src/replay/index.js');
    const { renderReport } = await import('../../src/report/index.js');
    return async () => {
      let t0 = performance.now();
      const view = await openBundle(str(args.file, 'file'));
      const openMs = ms(t0);
      t0 = performance.now();
      const diagnosis = replay(view);
      const replayMs = ms(t0);
      t0 = performance.now();
      const markdown = renderReport(diagnosis, 'markdown');
      const markdownMs = ms(t0);
      t0 = performance.now();
      const json = renderReport(diagnosis, 'json');
      const jsonMs = ms(t0);
      return { openMs, replayMs, markdownMs, jsonMs, markdownBytes: markdown.length, jsonBytes: json.length, verdict: diagnosis.verdict.status };
    };
  },
  async 'hostile-open'(args) {
    const { openBundle } = await import('../../src/bundle/reader.js');
    return async () => refused(async () => (await openBundle(str(args.file, 'file'))).manifest.artifacts.length);
  },
  async 'hostile-verify'(args) {
    const { verifyBundle } = await import('../../src/bundle/verify.js');
    return async () => {
      const r = await verifyBundle(str(args.file, 'file'));
      return { refused: !r.ok, error: r.problems[0] ?? null };
    };
  },
};

const [name, json] = process.argv.slice(2);
const run = name === undefined ? undefined : CASES[name];
if (run === undefined) {
  console.error(`bench child: unknown case ${JSON.stringify(name)} (known: ${Object.keys(CASES).join(', ')})`);
  process.exit(2);
}
try {
  const args = JSON.parse(json ?? '{}') as Args;
  await measure(await run(args));
} catch (e) {
  console.error(`bench child ${name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  process.exit(1);
}

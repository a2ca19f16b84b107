import { stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { A } from '../../src/bundle/artifacts.js';
import { PATHS, msBefore } from '../../test/helpers/simulated-host/index.js';
import { healthyDraft, toSpec } from '../../test/helpers/simulated-host/presets.js';
import { SESSION_ID } from '../../test/helpers/simulated-host/presets/records.js';
import { type BenchContext, bundleFacts, cliHost } from './hosts.js';
import { appendRecords, errRecord, logRecordMaker } from './logs.js';
import { capNote, kept, phases, sourceTime } from './notes.js';
import type { Run } from './process.js';
import { MiB, type Row, rssOf, secs } from './table.js';
import { growTranscript } from './transcript.js';

// Section "Collect" on one big machine, grown step by step: the healthy preset with gateway.log and
// gateway.err of 64 MiB each, then of 1 GiB each (reading cost must follow the window, not the file), then
// the transcript past its read cap too (every big artifact at its cap: the most a bundle ever decodes to),
// then a transcript that barely compresses (the bundle must still hold --max-size 25 MB, cutting by priority).

const GiB = 1024 * MiB;
const BIG_IDS = [A.gatewayLog.id, A.gatewayErrLog.id, A.sessionTranscript.id];

/** One collect of the big machine at one size. */
export interface BigCollect {
  label: string;
  run: Run;
  bundle: string;
}

/** The bundles the reader and report sections read, and the collect runs that made them. */
export interface BigBundles {
  logs64: BigCollect;
  logs1G: BigCollect;
  /** Every big artifact at its cap, realistic text: the largest decoded size. */
  atCaps: BigCollect;
  /** The same with a transcript that barely compresses: the largest file. */
  atMaxSize: BigCollect;
}

/** Grows both logs with real-shaped records until each is `bytes` long. */
async function growLogs(root: string, bytes: number, now: Date): Promise<void> {
  const logPath = join(root, PATHS.gatewayLog);
  const errPath = join(root, PATHS.gatewayErr);
  await appendRecords(logPath, bytes - (await stat(logPath)).size, logRecordMaker(msBefore(1)));
  await appendRecords(errPath, bytes - (await stat(errPath).catch(() => ({ size: 0 }))).size, errRecord);
  for (const p of [logPath, errPath]) await utimes(p, now, now);
}

/** Builds the big machine and collects it at each size; the host is gone when this returns. */
export async function bigHostCases(ctx: BenchContext, rows: Row[]): Promise<BigBundles> {
  const spec = toSpec(healthyDraft());
  const now = new Date(spec.capturedAt);
  const big = await cliHost(ctx, spec, 11);
  const row = async (c: BigCollect, what: string, extra = ''): Promise<BigCollect> => {
    const size = (await stat(c.bundle)).size;
    const { big: arts } = await bundleFacts(c.bundle, BIG_IDS);
    rows.push({ section: 'Collect', what, wall: secs(c.run.ms), rss: rssOf(c.run), notes: `${phases(c.run)}${extra}; ${capNote(size)}; kept ${kept(arts)}` });
    return c;
  };
  try {
    const root = big.host.root;
    ctx.log('writing gateway.log and gateway.err of 64 MiB each...');
    await growLogs(root, 64 * MiB, now);
    ctx.log('collect: 64 MiB logs...');
    const logs64 = await row({ label: '64 MiB logs', ...(await big.collect('logs-64m')) }, 'collect, healthy host, gateway.log and gateway.err 64 MiB each');
    ctx.log('growing both logs to 1 GiB each...');
    await growLogs(root, GiB, now);
    ctx.log('collect: 1 GiB logs...');
    const logs1G = await big.collect('logs-1g');
    await row({ label: '1 GiB logs', ...logs1G }, 'collect, the same host with gateway.log and gateway.err 1 GiB each', ` (files source ${sourceTime(logs1G.run, 'files')})`);

    const sessionFile = Object.keys(spec.files).find((p) => p.includes(SESSION_ID));
    if (!sessionFile) throw new Error('the healthy preset has no live transcript file');
    const transcript = join(root, sessionFile);
    ctx.log('growing the transcript past its read cap (40 MiB inside the window)...');
    await growTranscript(transcript, SESSION_ID, 40 * MiB, msBefore(7.9), msBefore(0.5));
    ctx.log('collect: every big artifact at its cap...');
    const atCaps = await row({ label: 'every big artifact at its cap', ...(await big.collect('at-caps')) },
      'collect, as above plus 40 MiB of transcript inside the window (every big artifact at its cap)');

    ctx.log('growing the transcript with 40 MiB that barely compresses...');
    await growTranscript(transcript, SESSION_ID, 40 * MiB, msBefore(0.45), msBefore(0.05), true);
    ctx.log('collect: content over --max-size...');
    const atMaxSize = await row({ label: 'at --max-size', ...(await big.collect('at-max-size')) },
      'collect, as above but the transcript barely compresses (content over --max-size 25 MB)');
    return { logs64, logs1G: { label: '1 GiB logs', ...logs1G }, atCaps, atMaxSize };
  } finally {
    await big.stop();
  }
}

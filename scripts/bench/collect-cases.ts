import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { createSimulatedHost, PATHS, type SimulatedHost, msBefore } from '../../test/helpers/simulated-host/index.js';
import { healthyDraft, toSpec } from '../../test/helpers/simulated-host/presets.js';
import { SESSION_ID } from '../../test/helpers/simulated-host/presets/records.js';
import { runChild } from './child.js';
import { appendRecords, errRecord, logRecordMaker, sparseThenRecords } from './logs.js';
import { capNote, collectorTime, kept, phases } from './notes.js';
import { type Row, MB, MiB, rssOf, secs } from './table.js';
import { growTranscript } from './transcript.js';

// Section "Collect" on one big machine, grown in three steps: logs far bigger than anything kept (reading
// cost must follow the window, not the file); then the transcript past its read cap too (every big artifact
// at its cap: the most a bundle ever decodes to); then a transcript that barely compresses (the bundle must
// still hold --max-size 25 MB, cutting by priority).

const GiB = 1024 * MiB;

/** What every case needs: a scratch dir, the bench's Redis, the table rows to add to, a progress line. */
export interface BenchContext {
  work: string;
  redisPort: number;
  rows: Row[];
  log(message: string): void;
}

/** The two bundles the reader and report sections read. */
export interface BigBundles {
  /** Every big artifact at its cap, realistic text: the largest decoded size (~67 MB). */
  atCaps: string;
  /** The same with an incompressible transcript: the largest file (~25 MB). */
  atMaxSize: string;
}

/** One collect of `host` in a child, with a 10 s per-source timeout (a loaded machine must not time out). */
function collect(host: SimulatedHost, outPath: string) {
  const o = host.collectOptions({ timeoutMs: 10_000 });
  return runChild('collect', { options: { ...o, now: o.now.toISOString() }, outPath });
}

/** Builds the big machine and collects it three times; the host is gone when this returns. */
export async function bigHostCases(ctx: BenchContext): Promise<BigBundles> {
  const spec = toSpec(healthyDraft());
  const host = await createSimulatedHost(spec, { redisPort: ctx.redisPort, redisDb: 11 });
  try {
    const now = new Date(spec.capturedAt);
    const logPath = join(host.root, PATHS.gatewayLog);
    const errPath = join(host.root, PATHS.gatewayErr);
    ctx.log('writing gateway.log (2 GiB hole + 20 MiB records) and gateway.err (300 MB records)...');
    const logBytes = await sparseThenRecords(logPath, 2 * GiB, 20 * MiB, logRecordMaker(msBefore(1)), now);
    const errBytes = await appendRecords(errPath, 300 * MB, errRecord);
    await utimes(errPath, now, now);

    ctx.log('collect: big logs...');
    const first = await collect(host, join(ctx.work, 'big-logs.tar.gz'));
    ctx.rows.push({
      section: 'Collect',
      what: 'collect, gateway.log 2 GiB (a hole + 20 MiB of bun records) and gateway.err 300 MB of records',
      wall: secs(first.ms),
      rss: rssOf(first),
      notes: `${phases(first)} (the files collector ${collectorTime(first, 'files')}); ${capNote(first)}; the process read ${first.readMiB ?? '?'} MiB in all for ${((logBytes + errBytes) / GiB).toFixed(2)} GiB of logs; kept ${kept(first)}`,
    });
    ctx.log('reference: reading both logs whole...');
    const whole = await runChild('read-all', { paths: [logPath, errPath] });
    ctx.rows.push({
      section: 'Collect',
      what: 'reference: stream-read both logs whole (what a collect that ignored the window would pay)',
      wall: secs(whole.ms),
      rss: rssOf(whole),
      notes: `${(Number(whole.facts.bytes) / GiB).toFixed(2)} GiB; the 2 GiB hole reads no disk, so a real log costs more`,
    });

    const sessionFile = Object.keys(spec.files).find((p) => p.includes(SESSION_ID));
    if (!sessionFile) throw new Error('the healthy preset has no live transcript file');
    const transcript = join(host.root, sessionFile);
    ctx.log('growing the transcript past its read cap (40 MiB inside the window)...');
    await growTranscript(transcript, SESSION_ID, 40 * MiB, msBefore(7.9), msBefore(0.5));
    const atCaps = join(ctx.work, 'at-caps.tar.gz');
    ctx.log('collect: every big artifact at its cap...');
    const second = await collect(host, atCaps);
    ctx.rows.push({
      section: 'Collect',
      what: 'collect, as above plus 40 MiB of transcript inside the window (every big artifact at its cap)',
      wall: secs(second.ms),
      rss: rssOf(second),
      notes: `${phases(second)}; ${capNote(second)}; read ${second.readMiB ?? '?'} MiB; kept ${kept(second)}`,
    });

    ctx.log('growing the transcript with 40 MiB that barely compresses...');
    await growTranscript(transcript, SESSION_ID, 40 * MiB, msBefore(0.45), msBefore(0.05), true);
    const atMaxSize = join(ctx.work, 'at-max-size.tar.gz');
    ctx.log('collect: content over --max-size...');
    const third = await collect(host, atMaxSize);
    ctx.rows.push({
      section: 'Collect',
      what: 'collect, as above but the transcript barely compresses (content over --max-size 25 MB)',
      wall: secs(third.ms),
      rss: rssOf(third),
      notes: `${phases(third)}; ${capNote(third)}; kept ${kept(third)}`,
    });
    return { atCaps, atMaxSize };
  } finally {
    await host.stop();
  }
}

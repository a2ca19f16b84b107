import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { checkDestination, publish } from '../bundle/destination.js';
import { cleanupOnInterrupt } from '../bundle/interrupt-cleanup.js';
import type { Manifest } from '../bundle/manifest.js';
import { writeBundle } from '../bundle/writer.js';
import { BundleWriteError } from '../errors.js';
import { createRedactor, reproducibleSalt } from '../redact/index.js';
import { applyBudget } from './budget.js';
import { commandsCollector } from './commands/index.js';
import { byId, toEntry } from './entries.js';
import { filesCollector } from './files/index.js';
import { hostCollector } from './host/index.js';
import { healthCollector } from './http/index.js';
import { k8sCollector } from './k8s/index.js';
import { launchdJobsCollector } from './launchd-jobs/index.js';
import { buildManifest } from './manifest-build.js';
import { defaultOutPath } from './out-path.js';
import { type Counts, addCounts, redactStaged, withoutPassword } from './redaction.js';
import { redisCollector } from './redis/index.js';
import { runCollectors } from './run.js';
import { transcriptCollector } from './transcript/index.js';
import type { CollectOptions, Collector, StagedArtifact } from './types.js';

// `gwbundle collect`: run every collector at once, redact, fit --max-size by priority, write the bundle
// atomically, then check the real file against the cap (compression is estimated, the cap is not).

/** Every collector, in one list: adding a source is one line here. */
export const COLLECTORS: readonly Collector[] = [
  filesCollector,
  transcriptCollector,
  commandsCollector,
  hostCollector,
  redisCollector,
  k8sCollector,
  healthCollector,
  launchdJobsCollector,
];

/** Write attempts before giving up on fitting the cap. */
export const MAX_WRITE_ATTEMPTS = 5;

export interface CollectOut {
  outPath: string | null;
  /** Replace an existing file at outPath (--force); without it an existing file is refused before collecting. */
  force?: boolean;
  progress?: (message: string) => void;
  /** Replace the collector list (tests). */
  collectors?: readonly Collector[];
}

interface Redacted {
  staged: StagedArtifact[];
  byArtifact: Map<string, Counts>;
  totals: Counts;
  redisUrl: string;
}

/** Redact every artifact and the options' Redis URL, or pass them through (with a loud warning) under --no-redact. */
async function redactAll(staged: StagedArtifact[], o: CollectOptions, progress: (m: string) => void): Promise<Redacted> {
  const redisUrl = withoutPassword(o.redisUrl);
  if (!o.redact) {
    progress('warning: redaction is OFF (--no-redact): secrets in logs, plists and Redis will be in the bundle');
    return { staged, byArtifact: new Map(), totals: {}, redisUrl };
  }
  const salt = o.sourceDateEpoch ? reproducibleSalt(String(o.now.getTime() / 1000)) : undefined;
  const redactor = createRedactor(salt ? { salt } : {});
  const totals: Counts = {};
  const byArtifact = new Map<string, Counts>();
  const out: StagedArtifact[] = [];
  // One at a time: redaction is CPU-bound, and markers must not depend on scheduling order.
  for (const a of staged) {
    const { artifact, counts } = await redactStaged(a, redactor);
    out.push(artifact);
    byArtifact.set(a.id, counts);
    addCounts(totals, counts);
  }
  const url = await redactor.redactString(redisUrl);
  addCounts(totals, url.counts);
  return { staged: out, byArtifact, totals, redisUrl: url.text };
}

/** Collect, redact, budget and write one bundle; returns its path, manifest and size. */
export async function runCollect(
  options: CollectOptions,
  out: CollectOut,
): Promise<{ path: string; manifest: Manifest; size: number }> {
  const startedAtMs = Date.now();
  const progress = out.progress ?? (() => {});
  const dest = resolve(out.outPath ?? defaultOutPath(hostname(), options.now));
  // Refuse a bad destination before spending the collection time.
  await checkDestination(dest, dirname(dest), out.force === true);
  const staged = await runCollectors([...(out.collectors ?? COLLECTORS)], options, { progress });
  const redactStarted = Date.now();
  const red = await redactAll(staged, options, progress);
  if (options.redact) {
    const replaced = Object.values(red.totals).reduce((sum, n) => sum + n, 0);
    progress(`redaction: ${replaced} values replaced (${((Date.now() - redactStarted) / 1000).toFixed(1)}s)`);
  }
  const finishedAt = new Date();
  let budget = options.maxSizeBytes;
  let lastSize = 0;
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS && budget > 0; attempt++) {
    const fitted = applyBudget(red.staged, budget).sort(byId);
    const entries = fitted.map((a) => toEntry(a, red.byArtifact.get(a.id) ?? {}, options.sourceDateEpoch));
    const manifest = buildManifest({ options, redisUrl: red.redisUrl, entries, totals: red.totals, startedAtMs, finishedAt });
    const contents = new Map(fitted.flatMap((a) => (a.content === undefined ? [] : [[a.id, a.content] as const])));
    const temp = join(dirname(dest), `.${basename(dest)}.sizing-${randomBytes(6).toString('hex')}`);
    const stopListening = cleanupOnInterrupt(() => rmSync(temp, { force: true }));
    try {
      const written = await writeBundle({ outPath: temp, manifest, contents, mtime: options.now });
      lastSize = written.size;
      if (written.size <= options.maxSizeBytes) {
        await publish(temp, dest, out.force === true);
        progress(`bundle: ${written.size} bytes, ${entries.length} artifacts`);
        return { path: dest, manifest: written.manifest, size: written.size };
      }
    } finally {
      stopListening();
      await rm(temp, { force: true });
    }
    progress(`bundle: ${lastSize} bytes is over --max-size ${options.maxSizeBytes}; cutting more`);
    budget -= lastSize - options.maxSizeBytes + Math.ceil(options.maxSizeBytes * 0.02) + 1024;
  }
  throw new BundleWriteError(
    `cannot fit the bundle under --max-size ${options.maxSizeBytes} bytes (smallest attempt: ${lastSize} bytes); raise --max-size`,
  );
}

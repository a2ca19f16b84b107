import type { Manifest } from '../bundle/manifest.js';
import { BundleStage } from '../bundle/stage.js';
import { BundleWriteError } from '../errors.js';
import { createRedactor, reproducibleSalt } from '../redact/index.js';
import { applyBudget } from './budget.js';
import { byId, toEntry } from './entries.js';
import { oneLine } from './format.js';
import { buildManifest } from './manifest-build.js';
import { type Counts, addCounts, redactMeta, redactedPieces, withoutPassword } from './redaction.js';
import type { CollectOptions, StagedArtifact } from './types.js';

// The second half of `collect`, loaded once the sources are done (so its modules, redaction and the manifest
// schema, are not in memory beside the collectors): redact each artifact into the staging directory (big ones
// as streams, piece by piece), fit --max-size by priority, pack the bundle into a temp file, check the real
// file against the cap (compression is estimated, the cap is not), and only then publish it.

/** Write attempts before giving up on fitting the cap. */
export const MAX_WRITE_ATTEMPTS = 5;

/** The staged artifacts (bytes in the stage, strings redacted) and the redaction counts. */
interface Staged {
  artifacts: StagedArtifact[];
  byArtifact: Map<string, Counts>;
  totals: Counts;
  redisUrl: string;
}

/** An artifact whose bytes could not be read to the end (a file that shrank): its bytes are left out. */
const unreadable = (a: StagedArtifact, e: unknown): StagedArtifact => ({
  ...a,
  status: 'error',
  reason: `could not be read to the end: ${oneLine(e)}`,
});

/**
 * Redacts every artifact into the stage, one at a time and a big one piece by piece, so collect holds one
 * piece of one big artifact at a time; then the options' Redis URL. Under --no-redact the bytes pass
 * through (with a loud warning). Every stream is closed, read or not.
 */
async function redactInto(stage: BundleStage, collected: StagedArtifact[], o: CollectOptions, progress: (m: string) => void): Promise<Staged> {
  const redisUrl = withoutPassword(o.redisUrl);
  const redactor = o.redact ? createRedactor(o.sourceDateEpoch ? { salt: reproducibleSalt(String(o.now.getTime() / 1000)) } : {}) : null;
  if (!redactor) progress('warning: redaction is OFF (--no-redact): secrets in logs, plists and Redis will be in the bundle');
  const totals: Counts = {};
  const byArtifact = new Map<string, Counts>();
  const artifacts: StagedArtifact[] = [];
  const pending = new Set(collected.filter((a) => a.stream));
  const close = async (a: StagedArtifact) => {
    if (pending.delete(a)) await a.stream?.close();
  };
  try {
    // One at a time: redaction is CPU-bound, and markers must not depend on scheduling order.
    for (const a of collected) {
      const counts: Counts = {};
      let failure: unknown = null;
      if (a.content !== undefined || a.stream) {
        try {
          await stage.write(a.id, redactedPieces(a, redactor, counts));
        } catch (e) {
          if (e instanceof BundleWriteError) throw e;
          failure = e;
          await stage.remove(a.id);
        } finally {
          await close(a);
        }
      }
      const { content: _content, stream: _stream, ...bare } = a;
      const meta = redactor ? await redactMeta(a, redactor, counts) : bare;
      artifacts.push(failure === null ? meta : unreadable(meta, failure));
      byArtifact.set(a.id, counts);
      addCounts(totals, counts);
    }
  } finally {
    for (const a of pending) await close(a);
  }
  if (!redactor) return { artifacts, byArtifact: new Map(), totals: {}, redisUrl };
  const url = await redactor.redactString(redisUrl);
  addCounts(totals, url.counts);
  return { artifacts, byArtifact, totals, redisUrl: url.text };
}

/** Redacts, budgets and packs what the collectors gathered into `dest`; returns the manifest and the size. */
export async function packBundle(
  collected: StagedArtifact[],
  options: CollectOptions,
  run: { dest: string; force: boolean; startedAtMs: number; progress: (message: string) => void },
): Promise<{ manifest: Manifest; size: number }> {
  const { dest, force, startedAtMs, progress } = run;
  const stage = await BundleStage.create().catch(async (e: unknown) => {
    for (const a of collected) await a.stream?.close();
    throw e;
  });
  try {
    const redactStarted = Date.now();
    const red = await redactInto(stage, collected, options, progress);
    if (options.redact) {
      const replaced = Object.values(red.totals).reduce((sum, n) => sum + n, 0);
      progress(`redaction: ${replaced} values replaced (${((Date.now() - redactStarted) / 1000).toFixed(1)}s)`);
    }
    const finishedAt = new Date();
    let budget = options.maxSizeBytes;
    let lastSize = 0;
    let fitted = red.artifacts;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS && budget > 0; attempt++) {
      fitted = await applyBudget(stage, fitted, budget);
      const entries = [...fitted].sort(byId).map((a) => toEntry(a, stage.stored(a.id), red.byArtifact.get(a.id) ?? {}, options.sourceDateEpoch));
      const manifest = buildManifest({ options, redisUrl: red.redisUrl, entries, totals: red.totals, startedAtMs, finishedAt });
      const packed = await stage.pack(manifest, options.now, dest, force);
      lastSize = packed.size;
      if (packed.size <= options.maxSizeBytes) {
        await stage.publish(packed, dest, force);
        progress(`bundle: ${packed.size} bytes, ${entries.length} artifacts`);
        return { manifest: packed.manifest, size: packed.size };
      }
      await stage.discard(packed);
      progress(`bundle: ${lastSize} bytes is over --max-size ${options.maxSizeBytes}; cutting more`);
      budget -= lastSize - options.maxSizeBytes + Math.ceil(options.maxSizeBytes * 0.02) + 1024;
    }
    throw new BundleWriteError(
      `cannot fit the bundle under --max-size ${options.maxSizeBytes} bytes (smallest attempt: ${lastSize} bytes); raise --max-size`,
    );
  } finally {
    await stage.dispose();
  }
}

import { gzipSync } from 'node:zlib';
import { artifactSpec } from '../bundle/artifacts.js';
import type { BundleStage } from '../bundle/stage.js';
import { type Cut, type CutKind, cutStaged } from './budget-cut.js';
import type { StagedArtifact } from './types.js';

// --max-size is a hard cap on the .tar.gz. Space is spent by priority (artifacts.ts PRIORITY: state and
// small files first, big logs last). The budget works on the staged (already redacted) files: when their raw
// sizes already fit, nothing is compressed to find out; otherwise each artifact's compressed size is
// estimated, and while over, the highest-priority-number artifacts are cut first, by keeping their tail or
// dropping whole items, then dropped. Every cut is recorded. runCollect checks the real file and calls again
// with a smaller budget.

/** Tar header + padding + gzip framing per entry, compressed, erring high. */
export const ENTRY_OVERHEAD_BYTES = 600;
/** Manifest metadata per artifact (compressed JSON), erring high. */
export const MANIFEST_BYTES_PER_ENTRY = 400;
/** Tar end blocks, gzip header/trailer and the manifest's fixed part. */
export const FIXED_OVERHEAD_BYTES = 4096;
/** Aim this far under the exact need when cutting, since compression of the kept part varies. */
const CUT_MARGIN = 1.1;
/** Cut rounds per artifact before moving on to the next. */
const MAX_ROUNDS = 4;

/** Manifest bytes an artifact adds, content aside. */
const metaBytes = (a: StagedArtifact): number => MANIFEST_BYTES_PER_ENTRY + (a.stderr ? gzipSync(a.stderr, { level: 6 }).length : 0);

/** Estimated bytes an artifact adds to the bundle: its metadata and its staged bytes, compressed. */
async function estimateBytes(stage: BundleStage, a: StagedArtifact): Promise<number> {
  return metaBytes(a) + (stage.stored(a.id) ? ENTRY_OVERHEAD_BYTES + (await stage.gzipSize(a.id)) : 0);
}

/** What the artifact would add if nothing compressed: an upper bound that needs no compression to know. */
const rawBytes = (stage: BundleStage, a: StagedArtifact): number => {
  const stored = stage.stored(a.id);
  return metaBytes(a) + (stored ? ENTRY_OVERHEAD_BYTES + Math.ceil(stored.bytes * 1.001) + 64 : 0);
};

const priorityOf = (a: StagedArtifact): number => artifactSpec(a.id)?.priority ?? 100;

/** How an artifact's bytes may be cut, from its content type (and bun records for machine files). */
function cutKind(id: string): CutKind {
  const spec = artifactSpec(id);
  if (spec?.contentType === 'jsonl') return 'jsonl';
  if (spec?.contentType === 'json') return 'json';
  return spec?.kind === 'file' ? 'bun-records' : 'text';
}

/** The artifact with the cut recorded (its bytes were cut in the stage, or dropped when `cut` is null). */
function withCut(a: StagedArtifact, before: number, cut: Cut | null): StagedArtifact {
  const truncation = {
    reason: 'max-size' as const,
    kept: cut ? ('tail' as const) : ('none' as const),
    bytesCut: before - (cut?.bytes ?? 0),
    ...(cut?.note ? { note: cut.note } : {}),
  };
  // Several rounds on one artifact are one cut in the manifest.
  const prior = a.truncations ?? [];
  const last = prior.at(-1);
  const merged = last?.reason === 'max-size' ? { ...truncation, bytesCut: truncation.bytesCut + last.bytesCut } : truncation;
  const truncations = last?.reason === 'max-size' ? [...prior.slice(0, -1), merged] : [...prior, merged];
  const okish = a.status === 'ok' || a.status === 'truncated';
  return {
    ...a,
    status: okish ? 'truncated' : a.status,
    ...(okish && !cut ? { reason: 'dropped to fit --max-size' } : {}),
    truncations,
  };
}

/**
 * Fits the staged artifacts into maxSizeBytes (estimated), cutting their staged bytes by priority; returns
 * the artifacts with their cuts recorded, in the same order.
 */
export async function applyBudget(stage: BundleStage, staged: readonly StagedArtifact[], maxSizeBytes: number): Promise<StagedArtifact[]> {
  const out = [...staged];
  if (FIXED_OVERHEAD_BYTES + out.reduce((s, a) => s + rawBytes(stage, a), 0) <= maxSizeBytes) return out;
  const est: number[] = [];
  for (const a of out) est.push(await estimateBytes(stage, a));
  let total = FIXED_OVERHEAD_BYTES + est.reduce((s, n) => s + n, 0);
  if (total <= maxSizeBytes) return out;
  const order = out
    .map((a, i) => ({ i, p: priorityOf(a), raw: stage.stored(a.id)?.bytes ?? 0 }))
    .filter((x) => x.raw > 0)
    .sort((x, y) => y.p - x.p || y.raw - x.raw || (out[x.i]?.id ?? '').localeCompare(out[y.i]?.id ?? ''));
  for (const { i } of order) {
    // A tail compresses differently from the whole, so one artifact may take a few rounds.
    for (let round = 0; round < MAX_ROUNDS && total > maxSizeBytes; round++) {
      const a = out[i] as StagedArtifact;
      const raw = stage.stored(a.id)?.bytes;
      if (raw === undefined) break;
      const oldEst = est[i] ?? 0;
      const ratio = Math.max(1, oldEst - metaBytes(a)) / Math.max(1, raw);
      const keep = Math.floor(raw - ((total - maxSizeBytes) / ratio) * CUT_MARGIN);
      const cut = keep > 0 ? await cutStaged(stage, a.id, cutKind(a.id), keep) : null;
      if (!cut) await stage.remove(a.id);
      const next = withCut(a, raw, cut);
      out[i] = next;
      est[i] = await estimateBytes(stage, next);
      total += (est[i] ?? 0) - oldEst;
    }
  }
  return out;
}

/** The estimated bundle size of the staged artifacts (for progress and tests). */
export async function estimateBundleBytes(stage: BundleStage, staged: readonly StagedArtifact[]): Promise<number> {
  let total = FIXED_OVERHEAD_BYTES;
  for (const a of staged) total += await estimateBytes(stage, a);
  return total;
}

import { gzipSync } from 'node:zlib';
import { artifactSpec } from '../bundle/artifacts.js';
import { cutJsonItems, cutJsonlTail, cutTextTail, type Cut } from './budget-cut.js';
import type { StagedArtifact } from './types.js';

// --max-size is a hard cap on the .tar.gz. Space is spent by priority (artifacts.ts PRIORITY: state and
// small files first, big logs last): estimate each artifact's compressed size, and while over, cut the
// highest-priority-number artifacts first, by keeping their tail or dropping whole items, then dropping
// them. Every cut is recorded. runCollect checks the real file and calls again with a smaller budget.

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

const gzSize = (text: string): number => gzipSync(text, { level: 6 }).length;

/** Estimated bytes an artifact adds to the bundle. */
export function estimateBytes(a: StagedArtifact): number {
  const meta = MANIFEST_BYTES_PER_ENTRY + (a.stderr ? gzSize(a.stderr) : 0);
  return meta + (a.content === undefined ? 0 : ENTRY_OVERHEAD_BYTES + gzSize(a.content));
}

const priorityOf = (a: StagedArtifact): number => artifactSpec(a.id)?.priority ?? 100;

/** Cut one artifact's content to about keepBytes raw bytes, the way its type allows. */
function cutContent(a: StagedArtifact, keepBytes: number): Cut | null {
  const spec = artifactSpec(a.id);
  const text = a.content ?? '';
  if (spec?.contentType === 'jsonl') return cutJsonlTail(text, keepBytes);
  if (spec?.contentType === 'json') return cutJsonItems(text, keepBytes);
  return cutTextTail(text, keepBytes, spec?.kind === 'file');
}

/** The artifact with its content replaced (or dropped) and the cut recorded. */
function withCut(a: StagedArtifact, cut: Cut | null): StagedArtifact {
  const before = Buffer.byteLength(a.content ?? '');
  const after = cut ? Buffer.byteLength(cut.content) : 0;
  const truncation = {
    reason: 'max-size' as const,
    kept: cut ? ('tail' as const) : ('none' as const),
    bytesCut: before - after,
    ...(cut?.note ? { note: cut.note } : {}),
  };
  // Several rounds on one artifact are one cut in the manifest.
  const prior = a.truncations ?? [];
  const last = prior.at(-1);
  const merged = last?.reason === 'max-size' ? { ...truncation, bytesCut: truncation.bytesCut + last.bytesCut } : truncation;
  const truncations = last?.reason === 'max-size' ? [...prior.slice(0, -1), merged] : [...prior, merged];
  const { content: _dropped, ...rest } = a;
  const okish = a.status === 'ok' || a.status === 'truncated';
  return {
    ...rest,
    ...(cut ? { content: cut.content } : {}),
    status: okish ? 'truncated' : a.status,
    ...(okish && !cut ? { reason: 'dropped to fit --max-size' } : {}),
    truncations,
  };
}

/** Fit the staged artifacts into maxSizeBytes (estimated), cutting by priority; order is preserved. */
export function applyBudget(staged: StagedArtifact[], maxSizeBytes: number): StagedArtifact[] {
  const out = [...staged];
  const est = out.map(estimateBytes);
  let total = FIXED_OVERHEAD_BYTES + est.reduce((s, n) => s + n, 0);
  if (total <= maxSizeBytes) return out;
  const order = out
    .map((a, i) => ({ i, p: priorityOf(a), raw: Buffer.byteLength(a.content ?? '') }))
    .filter((x) => x.raw > 0)
    .sort((x, y) => y.p - x.p || y.raw - x.raw || (out[x.i]?.id ?? '').localeCompare(out[y.i]?.id ?? ''));
  for (const { i } of order) {
    // A tail compresses differently from the whole, so one artifact may take a few rounds.
    for (let round = 0; round < MAX_ROUNDS && total > maxSizeBytes; round++) {
      const a = out[i] as StagedArtifact;
      const raw = Buffer.byteLength(a.content ?? '');
      if (a.content === undefined) break;
      const oldEst = est[i] ?? 0;
      const ratio = Math.max(1, oldEst - estimateBytes({ ...a, content: undefined })) / Math.max(1, raw);
      const keep = Math.floor(raw - ((total - maxSizeBytes) / ratio) * CUT_MARGIN);
      const next = withCut(a, keep > 0 ? cutContent(a, keep) : null);
      out[i] = next;
      est[i] = estimateBytes(next);
      total += (est[i] ?? 0) - oldEst;
    }
  }
  return out;
}

/** The estimated bundle size of staged artifacts (for progress and tests). */
export const estimateBundleBytes = (staged: readonly StagedArtifact[]): number =>
  FIXED_OVERHEAD_BYTES + staged.reduce((s, a) => s + estimateBytes(a), 0);

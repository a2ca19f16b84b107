import { artifactSpec } from '../bundle/artifacts.js';
import type { ArtifactEntry } from '../bundle/manifest.js';
import type { StoredFacts } from '../bundle/seal-manifest.js';
import type { StagedArtifact } from './types.js';

// A staged artifact becomes a manifest entry: kind, title and content type come from the one catalog
// (artifacts.ts), the rest from what the collector saw. path/sha256/bytes are sealed by the writer.

/** The catalog's description of an id, with a safe default for an id the catalog does not know. */
function describe(id: string): Pick<ArtifactEntry, 'kind' | 'title' | 'contentType'> {
  const spec = artifactSpec(id);
  return spec ? { kind: spec.kind, title: spec.title, contentType: spec.contentType } : { kind: 'file', title: id, contentType: 'text' };
}

/** Only the keys whose values are set, so the manifest JSON has no `"x": undefined` holes. */
const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The manifest entry of a staged artifact whose bytes (if any) are `stored`; durations are 0 under
 * SOURCE_DATE_EPOCH (reproducible bytes).
 */
export function toEntry(a: StagedArtifact, stored: StoredFacts | undefined, redactions: Record<string, number>, sourceDateEpoch: boolean): ArtifactEntry {
  const bytes = stored?.bytes ?? 0;
  return {
    id: a.id,
    ...describe(a.id),
    source: defined(a.source),
    status: a.status,
    ...defined({
      reason: a.reason,
      mtime: a.mtime,
      exitCode: a.exitCode,
      signal: a.signal,
      durationMs: a.durationMs === undefined ? undefined : sourceDateEpoch ? 0 : a.durationMs,
      httpStatus: a.httpStatus,
      stderr: a.stderr,
      facts: a.facts,
    }),
    bytes,
    bytesAtSource: a.bytesAtSource ?? (stored === undefined ? null : bytes),
    truncations: a.truncations ?? [],
    redactions,
  };
}

/** Plain code-unit order, independent of the machine's locale. */
export const byId = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

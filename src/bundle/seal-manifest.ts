import { InternalError } from '../errors.js';
import { type ArtifactEntry, Manifest, entryName } from './manifest.js';
import { consistencyProblem, zodIssueLine } from './manifest-check.js';

// The writer's first step: the manifest's path/sha256/bytes are facts of the bytes being packed, so they are
// taken from the staged bytes rather than trusted from the caller, then the whole manifest is validated.

/** What the writer knows of an artifact's stored bytes. */
export interface StoredFacts {
  bytes: number;
  sha256: string;
}

/** One artifact entry with path/sha256/bytes set from its stored bytes, or cleared when it has none. */
function sealArtifact(artifact: ArtifactEntry, stored: StoredFacts | undefined): ArtifactEntry {
  const { path: _path, sha256: _sha256, ...rest } = artifact;
  if (stored === undefined) return { ...rest, bytes: 0 };
  return { ...artifact, path: entryName(artifact.id), sha256: stored.sha256, bytes: stored.bytes };
}

/** The final, validated manifest for these stored bytes; a mismatch between the two is a bug of the caller. */
export function sealManifest(manifest: Manifest, stored: ReadonlyMap<string, StoredFacts>): Manifest {
  const ids = new Set(manifest.artifacts.map((a) => a.id));
  for (const id of stored.keys()) {
    if (!ids.has(id)) throw new InternalError(`bundle content for ${JSON.stringify(id)}, which the manifest does not list`);
  }
  const sealed = { ...manifest, artifacts: manifest.artifacts.map((a) => sealArtifact(a, stored.get(a.id))) };
  const parsed = Manifest.safeParse(sealed);
  if (!parsed.success) throw new InternalError(`manifest invalid before packing: ${zodIssueLine(parsed.error)}`);
  const problem = consistencyProblem(parsed.data);
  if (problem) throw new InternalError(`manifest invalid before packing: ${problem}`);
  return parsed.data;
}

import { createHash } from 'node:crypto';
import { InternalError } from '../errors.js';
import { type ArtifactEntry, Manifest, entryName } from './manifest.js';
import { consistencyProblem, zodIssueLine } from './manifest-check.js';

// The writer's first step: the manifest's path/sha256/bytes are facts of the bytes being packed, so they are
// computed here from the contents rather than trusted from the caller, then the whole manifest is validated.

/** Artifact bytes as they will be stored. */
export const contentBytes = (content: string | Buffer): Buffer =>
  typeof content === 'string' ? Buffer.from(content, 'utf8') : content;

/** One artifact entry with path/sha256/bytes set from its content, or cleared when it has none. */
function sealArtifact(artifact: ArtifactEntry, content: string | Buffer | undefined): ArtifactEntry {
  const { path: _path, sha256: _sha256, ...rest } = artifact;
  if (content === undefined) return { ...rest, bytes: 0 };
  const bytes = contentBytes(content);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { ...artifact, path: entryName(artifact.id), sha256, bytes: bytes.length };
}

/** The final, validated manifest for these contents; a mismatch between the two is a bug of the caller. */
export function sealManifest(manifest: Manifest, contents: ReadonlyMap<string, string | Buffer>): Manifest {
  const ids = new Set(manifest.artifacts.map((a) => a.id));
  for (const id of contents.keys()) {
    if (!ids.has(id)) throw new InternalError(`bundle content for ${JSON.stringify(id)}, which the manifest does not list`);
  }
  const sealed = { ...manifest, artifacts: manifest.artifacts.map((a) => sealArtifact(a, contents.get(a.id))) };
  const parsed = Manifest.safeParse(sealed);
  if (!parsed.success) throw new InternalError(`manifest invalid before packing: ${zodIssueLine(parsed.error)}`);
  const problem = consistencyProblem(parsed.data);
  if (problem) throw new InternalError(`manifest invalid before packing: ${problem}`);
  return parsed.data;
}

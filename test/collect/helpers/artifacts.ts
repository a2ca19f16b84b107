import type { StagedArtifact } from '../../../src/collect/types.js';

/** The artifact `id` among a collector's output; throws (naming it) when the collector did not produce it. */
export function byId(arts: StagedArtifact[], id: string): StagedArtifact {
  const a = arts.find((x) => x.id === id);
  if (!a) throw new Error(`no artifact ${id}`);
  return a;
}

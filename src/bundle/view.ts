import type { ArtifactEntry, Manifest } from './manifest.js';

/**
 * What replay sees of a bundle: the manifest and each artifact's bytes as text. Built by the safe reader
 * (`openBundle`) from a .tar.gz, or by `viewFromContents` in tests; replay never touches the disk itself.
 */
export interface BundleView {
  readonly manifest: Manifest;
  /** "Now" for the whole diagnosis: the capture clock. */
  readonly capturedAt: Date;
  /** sha256 of the .tar.gz file, when the view came from one. */
  readonly bundleSha256: string | null;
  entry(id: string): ArtifactEntry | undefined;
  /** The artifact's bytes decoded as UTF-8, when it has bytes in the bundle. */
  text(id: string): string | undefined;
  /** Ids of every manifest entry, in manifest order. */
  ids(): string[];
}

/** A view over a manifest and a map of artifact id -> UTF-8 content. */
export function viewFromContents(
  manifest: Manifest,
  contents: ReadonlyMap<string, string>,
  bundleSha256: string | null = null,
): BundleView {
  const byId = new Map(manifest.artifacts.map((a) => [a.id, a]));
  return {
    manifest,
    capturedAt: new Date(manifest.capture.collectedAt),
    bundleSha256,
    entry: (id) => byId.get(id),
    text: (id) => contents.get(id),
    ids: () => manifest.artifacts.map((a) => a.id),
  };
}

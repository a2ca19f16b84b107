import { type ArtifactBody, plainBody } from './body.js';
import type { ArtifactEntry, Manifest } from './manifest.js';

/**
 * What replay sees of a bundle: the manifest and each artifact's bytes. Built by the safe reader
 * (`openBundle`) from a .tar.gz, or by `viewFromContents` in tests; replay never touches the disk itself.
 * Bytes are held once, as read; text is decoded from them on demand (src/replay/context.ts keeps what it
 * needs), so a bundle is never in memory twice.
 */
export interface BundleView {
  readonly manifest: Manifest;
  /** "Now" for the whole diagnosis: the capture clock. */
  readonly capturedAt: Date;
  /** sha256 of the .tar.gz file, when the view came from one. */
  readonly bundleSha256: string | null;
  entry(id: string): ArtifactEntry | undefined;
  /** The artifact's bytes decoded as UTF-8, when it has bytes in the bundle (decoded anew on each call). */
  text(id: string): string | undefined;
  /** The artifact's bytes as stored, when it has any (a big one is inflated whole for the caller). */
  bytes(id: string): Buffer | undefined;
  /** Random access to the artifact's bytes, when it has any: how replay reads a big artifact. */
  body(id: string): ArtifactBody | undefined;
  /** Ids of every manifest entry, in manifest order. */
  ids(): string[];
}

/** A view over a manifest and a map of artifact id -> bytes, compressed blocks or (in tests) UTF-8 text. */
export function viewFromContents(
  manifest: Manifest,
  contents: ReadonlyMap<string, string | Buffer | ArtifactBody>,
  bundleSha256: string | null = null,
): BundleView {
  const byId = new Map(manifest.artifacts.map((a) => [a.id, a]));
  const body = (id: string): ArtifactBody | undefined => {
    const c = contents.get(id);
    if (c === undefined) return undefined;
    if (typeof c === 'string') return plainBody(Buffer.from(c, 'utf8'));
    return Buffer.isBuffer(c) ? plainBody(c) : c;
  };
  const bytes = (id: string): Buffer | undefined => {
    const c = contents.get(id);
    if (c === undefined || Buffer.isBuffer(c)) return c;
    return typeof c === 'string' ? Buffer.from(c, 'utf8') : c.slice(0, c.length);
  };
  return {
    manifest,
    capturedAt: new Date(manifest.capture.collectedAt),
    bundleSha256,
    entry: (id) => byId.get(id),
    text: (id) => {
      const c = contents.get(id);
      return typeof c === 'string' ? c : bytes(id)?.toString('utf8');
    },
    bytes,
    body,
    ids: () => manifest.artifacts.map((a) => a.id),
  };
}

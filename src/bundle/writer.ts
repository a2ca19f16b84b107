import { dirname, resolve } from 'node:path';
import { checkDestination } from './destination.js';
import type { Manifest } from './manifest.js';
import { BundleStage } from './stage.js';

// Writes a bundle from contents in memory (tests, fixtures, tools): the same staging, deterministic packing and
// atomic publish as `collect`, which stages its artifacts one by one instead (src/bundle/stage.ts).

/** What a caller gets back: the manifest as written (with sha256s) and the .tar.gz's own size and hash. */
export interface WrittenBundle {
  path: string;
  size: number;
  sha256: string;
  manifest: Manifest;
}

/** Everything a bundle is made of; `mtime` is the one timestamp every tar entry carries. */
export interface WriteBundleInput {
  outPath: string;
  manifest: Manifest;
  contents: ReadonlyMap<string, string | Buffer>;
  mtime: Date;
}

/** Writes a deterministic bundle atomically; refuses to overwrite and cleans up after failure or Ctrl-C. */
export async function writeBundle(input: WriteBundleInput): Promise<WrittenBundle> {
  const dest = resolve(input.outPath);
  await checkDestination(dest, dirname(dest));
  const stage = await BundleStage.create();
  try {
    for (const [id, content] of input.contents) await stage.write(id, [content]);
    const packed = await stage.pack(input.manifest, input.mtime, dest);
    await stage.publish(packed, dest);
    return { path: dest, size: packed.size, sha256: packed.sha256, manifest: packed.manifest };
  } finally {
    await stage.dispose();
  }
}

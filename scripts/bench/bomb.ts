import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { constants } from 'node:zlib';
import * as tar from 'tar';
import { MANIFEST_ENTRY, type Manifest, entryName } from '../../src/bundle/manifest.js';

// Hostile bundles as an attacker would hand them over: a genuine manifest first (so the reader gets past its
// early checks), then artifacts that are runs of zeros deflated at ~1030:1. Zero files are sparse, so a 1 GiB
// bomb costs no disk, and Z_RLE deflates zeros at the same ratio as level 9 in a fraction of the time.

/** One artifact of a bomb: `zeros` bytes of 0x00, or `noise` bytes of base64 (to pull the ratio under a cap). */
export type BombEntry = { id: string; zeros: number } | { id: string; noise: number };

/** Writes `outPath` with the manifest and `entries` in order; returns the .tar.gz size. */
export async function buildBomb(outPath: string, manifest: Manifest, entries: readonly BombEntry[]): Promise<number> {
  const stage = await mkdtemp(join(tmpdir(), 'gwbundle-bench-bomb-'));
  try {
    await mkdir(dirname(join(stage, MANIFEST_ENTRY)), { recursive: true });
    await writeFile(join(stage, MANIFEST_ENTRY), `${JSON.stringify(manifest, null, 2)}\n`);
    const names: string[] = [];
    for (const e of entries) {
      const name = entryName(e.id);
      await mkdir(dirname(join(stage, name)), { recursive: true });
      if ('zeros' in e) {
        await writeFile(join(stage, name), '');
        await truncate(join(stage, name), e.zeros);
      } else await writeFile(join(stage, name), randomBytes(Math.ceil((e.noise * 3) / 4)).toString('base64').slice(0, e.noise));
      names.push(name);
    }
    await tar.c(
      { file: outPath, cwd: stage, gzip: { level: 9, strategy: constants.Z_RLE }, portable: true, noDirRecurse: true },
      [MANIFEST_ENTRY, ...names],
    );
    return (await stat(outPath)).size;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

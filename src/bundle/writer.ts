import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import * as tar from 'tar';
import { BundleWriteError, InternalError, UsageError } from '../errors.js';
import { checkDestination, fsyncPath, publish, reserveTemp } from './destination.js';
import { cleanupOnInterrupt } from './interrupt-cleanup.js';
import { MANIFEST_ENTRY, type Manifest, entryName } from './manifest.js';
import { contentBytes, sealManifest } from './seal-manifest.js';

// Writes a bundle so that the same inputs always give the same bytes (fixed order, mtime, mode, owner and gzip
// header) and so that the destination either holds a complete bundle or nothing (temp file, fsync, publish).

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

/** Writes the manifest and artifacts into the staging dir; returns tar entry names, manifest first, then sorted. */
async function stage(stageDir: string, manifest: Manifest, contents: ReadonlyMap<string, string | Buffer>): Promise<string[]> {
  const names: string[] = [];
  for (const artifact of manifest.artifacts) {
    const content = contents.get(artifact.id);
    if (content === undefined) continue;
    const name = entryName(artifact.id);
    await mkdir(dirname(join(stageDir, name)), { recursive: true });
    await writeFile(join(stageDir, name), contentBytes(content));
    names.push(name);
  }
  await mkdir(dirname(join(stageDir, MANIFEST_ENTRY)), { recursive: true });
  await writeFile(join(stageDir, MANIFEST_ENTRY), `${JSON.stringify(manifest, null, 2)}\n`);
  // why: a plain code-unit sort, not localeCompare, so the order never depends on the machine's locale
  return [MANIFEST_ENTRY, ...names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))];
}

/** Packs the staged files into `file` with everything that varies between machines pinned. */
async function packDeterministic(file: string, stageDir: string, names: string[], mtime: Date): Promise<void> {
  await tar.c(
    {
      file,
      cwd: stageDir,
      gzip: { level: 6 },
      portable: true, // no uid/gid/uname/atime/ctime; gzip header OS byte 0xFF, no name, mtime 0
      mtime,
      noDirRecurse: true,
      strict: true,
      onWriteEntry: (entry) => {
        if (entry.stat) entry.stat.mode = (entry.stat.mode & ~0o7777) | 0o644;
      },
    },
    names,
  );
}

/** sha256 of a file, streamed. */
async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes a deterministic bundle atomically; refuses to overwrite and cleans up after failure or Ctrl-C. */
export async function writeBundle(input: WriteBundleInput): Promise<WrittenBundle> {
  const manifest = sealManifest(input.manifest, input.contents);
  if (Number.isNaN(input.mtime.getTime())) throw new InternalError('bundle mtime is an invalid Date');
  const dest = resolve(input.outPath);
  const dir = dirname(dest);
  await checkDestination(dest, dir);
  const tempPath = join(dir, `.${basename(dest)}.tmp-${randomBytes(6).toString('hex')}`);
  const stageDir = await mkdtemp(join(tmpdir(), 'gwbundle-stage-')).catch((error: unknown) => {
    throw new BundleWriteError(`cannot create a staging directory in ${tmpdir()}: ${(error as Error).message}`, { cause: error });
  });
  let tempReserved = false;
  const removeAll = (): void => {
    if (tempReserved) rmSync(tempPath, { force: true });
    rmSync(stageDir, { recursive: true, force: true });
  };
  const stopListening = cleanupOnInterrupt(removeAll);
  try {
    const names = await stage(stageDir, manifest, input.contents);
    await reserveTemp(tempPath);
    tempReserved = true;
    await packDeterministic(tempPath, stageDir, names, input.mtime);
    await fsyncPath(tempPath);
    const sha256 = await sha256File(tempPath);
    const { size } = await stat(tempPath);
    await publish(tempPath, dest);
    tempReserved = false;
    await fsyncPath(dir, 'r').catch(() => undefined); // why: best effort; some filesystems refuse fsync on dirs
    return { path: dest, size, sha256, manifest };
  } catch (error) {
    if (tempReserved) await rm(tempPath, { force: true });
    if (error instanceof BundleWriteError || error instanceof InternalError || error instanceof UsageError) throw error;
    throw new BundleWriteError(`cannot write ${dest}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  } finally {
    stopListening();
    await rm(stageDir, { recursive: true, force: true });
  }
}

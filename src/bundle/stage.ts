import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import * as tar from 'tar';
import { BundleWriteError, InternalError, UsageError } from '../errors.js';
import { checkDestination, fsyncPath, publish, reserveTemp } from './destination.js';
import { cleanupOnInterrupt } from './interrupt-cleanup.js';
import { MANIFEST_ENTRY, type Manifest, entryName } from './manifest.js';
import { type StoredFacts, sealManifest } from './seal-manifest.js';

// A bundle being built: every artifact's bytes are written once, as they are produced, into a staging
// directory (hashed and counted on the way), so no artifact has to stay in memory until the end. The budget
// cuts staged files in place; packing writes a deterministic .tar.gz (fixed order, mtime, mode, owner and
// gzip header) into a temp file beside the destination, which is then published whole or removed.

/** Read size of every pass over a staged file: small buffers are reused instead of growing the malloc heap. */
const IO_BYTES = 256 * 1024;

/** Bytes as written: UTF-8 text or raw. */
export type Piece = string | Buffer;

/** A packed bundle in its temp file, not yet under its final name. */
export interface PackedBundle {
  tempPath: string;
  size: number;
  sha256: string;
  manifest: Manifest;
}

/** Everything that varies between machines pinned: the same staged files give the same bytes. */
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
      // why: node-tar reads each file with one buffer of up to this size; its 16 MiB default is a whole log
      maxReadSize: IO_BYTES,
      onWriteEntry: (entry) => {
        if (entry.stat) entry.stat.mode = (entry.stat.mode & ~0o7777) | 0o644;
      },
    },
    names,
  );
}

/** sha256 and size of a file, streamed. */
async function hashFile(file: string): Promise<StoredFacts> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: IO_BYTES })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** The staging directory of one bundle. Call dispose() when done, whatever happened. */
export class BundleStage {
  private readonly facts = new Map<string, StoredFacts>();
  private readonly gzipped = new Map<string, number>();
  /** Packed temp files not yet published or discarded: removed with the stage on Ctrl-C. */
  private readonly temps = new Set<string>();
  private stopListening: () => void;

  private constructor(readonly dir: string) {
    this.stopListening = cleanupOnInterrupt(() => {
      for (const temp of this.temps) rmSync(temp, { force: true });
      rmSync(dir, { recursive: true, force: true });
    });
  }

  /** A fresh staging directory in the system's temp dir. */
  static async create(): Promise<BundleStage> {
    const dir = await mkdtemp(join(tmpdir(), 'gwbundle-stage-')).catch((error: unknown) => {
      throw new BundleWriteError(`cannot create a staging directory in ${tmpdir()}: ${(error as Error).message}`, { cause: error });
    });
    return new BundleStage(dir);
  }

  /** Where an artifact's bytes are staged. */
  path(id: string): string {
    return join(this.dir, entryName(id));
  }

  /** Ids with staged bytes. */
  ids(): string[] {
    return [...this.facts.keys()];
  }

  /** Bytes and sha256 of a staged artifact, or undefined when it has none. */
  stored(id: string): StoredFacts | undefined {
    return this.facts.get(id);
  }

  /** Writes an artifact's bytes piece by piece (replacing any earlier ones); returns their size and hash. */
  async write(id: string, pieces: Iterable<Piece> | AsyncIterable<Piece>): Promise<StoredFacts> {
    const file = this.path(id);
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.part`;
    const out = createWriteStream(temp);
    // why: a write that fails (a full disk) is a bundle that cannot be written, not a source that could not be read
    let writeError: Error | null = null;
    out.on('error', (e) => (writeError ??= e));
    const discard = async () => {
      out.destroy();
      await rm(temp, { force: true });
    };
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      for await (const piece of pieces) {
        const buf = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        if (buf.length === 0) continue;
        hash.update(buf);
        bytes += buf.length;
        if (!out.write(buf)) await once(out, 'drain'); // rejects when the stream errors instead
      }
      out.end();
      await finished(out);
    } catch (error) {
      await discard();
      if (!writeError) throw error; // the pieces failed: the source, not the stage
    }
    if (writeError) {
      await discard();
      const why = (writeError as Error).message.split('\n')[0];
      throw new BundleWriteError(`cannot write ${this.dir}: ${why} (the staging directory of the bundle)`, { cause: writeError });
    }
    await rename(temp, file);
    const facts = { bytes, sha256: hash.digest('hex') };
    this.facts.set(id, facts);
    this.gzipped.delete(id);
    return facts;
  }

  /** Replaces a staged artifact by `prefix` and its own bytes from `from` to the end (a tail cut). */
  async keepTail(id: string, from: number, prefix: Buffer = Buffer.alloc(0)): Promise<StoredFacts> {
    const file = this.path(id);
    const tail = `${file}.tail`;
    await rename(file, tail);
    try {
      const rest = createReadStream(tail, { start: from, highWaterMark: IO_BYTES });
      return await this.write(id, (async function* () {
        yield prefix;
        yield* rest as AsyncIterable<Buffer>;
      })());
    } finally {
      await rm(tail, { force: true });
    }
  }

  /** Drops an artifact's bytes (the manifest keeps its entry). */
  async remove(id: string): Promise<void> {
    this.facts.delete(id);
    this.gzipped.delete(id);
    await rm(this.path(id), { force: true });
  }

  /** Compressed size of a staged artifact at the bundle's gzip level, computed once per content. */
  async gzipSize(id: string): Promise<number> {
    const known = this.gzipped.get(id);
    if (known !== undefined) return known;
    let size = 0;
    const gzip = createGzip({ level: 6 });
    gzip.on('data', (chunk: Buffer) => (size += chunk.length));
    const done = finished(gzip);
    for await (const chunk of createReadStream(this.path(id), { highWaterMark: IO_BYTES })) {
      if (!gzip.write(chunk)) await once(gzip, 'drain');
    }
    gzip.end();
    await done;
    this.gzipped.set(id, size);
    return size;
  }

  /**
   * Packs the staged artifacts with `manifest` (sealed here: path, sha256 and bytes come from the staged files)
   * into a temp file in `outDir`. Refuses when a file of that name appeared; the caller publishes or discards it.
   */
  async pack(manifest: Manifest, mtime: Date, dest: string, force = false): Promise<PackedBundle> {
    const sealed = sealManifest(manifest, this.facts);
    if (Number.isNaN(mtime.getTime())) throw new InternalError('bundle mtime is an invalid Date');
    const dir = dirname(resolve(dest));
    await checkDestination(resolve(dest), dir, force);
    const tempPath = join(dir, `.${basename(dest)}.tmp-${randomBytes(6).toString('hex')}`);
    let reserved = false;
    try {
      await mkdir(dirname(join(this.dir, MANIFEST_ENTRY)), { recursive: true });
      await writeFile(join(this.dir, MANIFEST_ENTRY), `${JSON.stringify(sealed, null, 2)}\n`);
      // why: a plain code-unit sort, not localeCompare, so the order never depends on the machine's locale
      const names = sealed.artifacts.filter((a) => this.facts.has(a.id)).map((a) => entryName(a.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      await reserveTemp(tempPath);
      reserved = true;
      this.temps.add(tempPath);
      await packDeterministic(tempPath, this.dir, [MANIFEST_ENTRY, ...names], mtime);
      await fsyncPath(tempPath);
      const { sha256 } = await hashFile(tempPath);
      const { size } = await stat(tempPath);
      return { tempPath, size, sha256, manifest: sealed };
    } catch (error) {
      if (reserved) await this.discard({ tempPath });
      if (error instanceof BundleWriteError || error instanceof InternalError || error instanceof UsageError) throw error;
      throw new BundleWriteError(`cannot write ${resolve(dest)}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
    }
  }

  /** Moves a packed temp file to `dest` (over an existing file only with `force`) and flushes the directory. */
  async publish(packed: PackedBundle, dest: string, force = false): Promise<void> {
    try {
      await publish(packed.tempPath, resolve(dest), force);
    } catch (error) {
      await this.discard(packed);
      if (error instanceof BundleWriteError || error instanceof UsageError) throw error;
      throw new BundleWriteError(`cannot write ${resolve(dest)}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
    }
    this.temps.delete(packed.tempPath);
    await fsyncPath(dirname(resolve(dest)), 'r').catch(() => undefined); // why: best effort; some filesystems refuse fsync on dirs
  }

  /** Removes a packed temp file that will not be published (over the cap, or failed). */
  async discard(packed: Pick<PackedBundle, 'tempPath'>): Promise<void> {
    await rm(packed.tempPath, { force: true });
    this.temps.delete(packed.tempPath);
  }

  /** Removes the staging directory and any packed temp file left. */
  async dispose(): Promise<void> {
    this.stopListening();
    for (const temp of this.temps) await rm(temp, { force: true });
    this.temps.clear();
    await rm(this.dir, { recursive: true, force: true });
  }
}

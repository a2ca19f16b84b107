import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { MANIFEST_ENTRY, entryName } from '../../src/bundle/manifest.js';
import { writeBundle } from '../../src/bundle/writer.js';
import { BundleWriteError, InternalError, OutputExistsError } from '../../src/errors.js';
import { manifestFrom } from '../helpers/bundle-from.js';
import { callUnprivileged, letUnprivilegedIn } from '../helpers/unprivileged.js';
import { SAMPLE, scratchDir, sha256 } from './craft.js';

const dir = scratchDir();
const WRITE_SAMPLE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'write-sample.ts');
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
const MTIME = new Date('2026-11-27T12:00:00.000Z');
let counter = 0;
const freshPath = (): string => join(dir, `w${++counter}.tar.gz`);
const sample = () => manifestFrom({ ...SAMPLE, [A.k8sPods.id]: '{"items":[]}\n', [A.hostInfo.id]: '{}' });

/** Every tar header of a .tar.gz, in order, read with node-tar's own parser. */
async function headersOf(file: string): Promise<Array<{ path: string; type: string; mode?: number; uid?: number; gid?: number; uname?: string; mtime?: Date }>> {
  const seen: Array<{ path: string; type: string; mode?: number; uid?: number; gid?: number; uname?: string; mtime?: Date }> = [];
  const parser = new Parser({ strict: true });
  parser.on('entry', (e: ReadEntry) => {
    seen.push({ path: e.path, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, uname: e.uname, mtime: e.mtime });
    e.resume();
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
    parser.end(readFileSync(file));
  });
  return seen;
}

describe('writeBundle', () => {
  it('fills path, sha256 and bytes from the contents and clears them where there is none', async () => {
    const { manifest, contents } = sample();
    const stale = manifest.artifacts.map((a) => (a.id === A.pidFile.id ? { ...a, path: entryName(a.id), sha256: 'f'.repeat(64), bytes: 9 } : { ...a, bytes: 1 }));
    const written = await writeBundle({ outPath: freshPath(), manifest: { ...manifest, artifacts: stale }, contents, mtime: MTIME });
    for (const artifact of written.manifest.artifacts) {
      const content = contents.get(artifact.id);
      if (content === undefined) {
        expect(artifact).not.toHaveProperty('path');
        expect(artifact).not.toHaveProperty('sha256');
        expect(artifact.bytes).toBe(0);
      } else {
        expect(artifact.path).toBe(entryName(artifact.id));
        expect(artifact.sha256).toBe(sha256(content));
        expect(artifact.bytes).toBe(Buffer.byteLength(content));
      }
    }
  });

  it('returns the size and sha256 of the file it wrote', async () => {
    const { manifest, contents } = sample();
    const written = await writeBundle({ outPath: freshPath(), manifest, contents, mtime: MTIME });
    const bytes = readFileSync(written.path);
    expect(written.size).toBe(bytes.length);
    expect(written.sha256).toBe(sha256(bytes));
  });

  it('writes the manifest first, then the artifacts sorted, all regular files with fixed metadata', async () => {
    const { manifest, contents } = sample();
    const written = await writeBundle({ outPath: freshPath(), manifest, contents, mtime: MTIME });
    const headers = await headersOf(written.path);
    const names = headers.map((h) => h.path);
    expect(names[0]).toBe(MANIFEST_ENTRY);
    expect(names.slice(1)).toEqual([...contents.keys()].map(entryName).sort());
    for (const h of headers) {
      expect(h).toMatchObject({ type: 'File', mode: 0o644 });
      expect(h.mtime?.getTime()).toBe(MTIME.getTime());
      expect(h.uid ?? 0).toBe(0);
      expect(h.uname ?? '').toBe('');
    }
    const manifestText = gunzipSync(readFileSync(written.path)).subarray(512).toString('utf8');
    expect(manifestText.startsWith(`${JSON.stringify(written.manifest, null, 2)}\n`)).toBe(true);
  });

  it('writes a gzip header without a name or a time and with a fixed OS byte', async () => {
    const { manifest, contents } = sample();
    const bytes = readFileSync((await writeBundle({ outPath: freshPath(), manifest, contents, mtime: MTIME })).path);
    expect([...bytes.subarray(0, 3)]).toEqual([0x1f, 0x8b, 0x08]);
    expect(bytes[3]).toBe(0); // FLG: no FNAME, FCOMMENT, FEXTRA
    expect(bytes.readUInt32LE(4)).toBe(0); // MTIME
    expect(bytes[9]).toBe(0xff); // OS: unknown, whatever machine wrote it
  });

  it('gives identical bytes for the same inputs, whatever the umask, time of writing or destination', async () => {
    const { manifest, contents } = sample();
    const first = await writeBundle({ outPath: freshPath(), manifest, contents, mtime: MTIME });
    const previous = process.umask(0o077);
    try {
      const otherDir = join(dir, 'elsewhere');
      mkdirSync(otherDir, { recursive: true });
      const second = await writeBundle({ outPath: join(otherDir, 'again.tar.gz'), manifest, contents, mtime: MTIME });
      expect(second.sha256).toBe(first.sha256);
      expect(readFileSync(second.path).equals(readFileSync(first.path))).toBe(true);
    } finally {
      process.umask(previous);
    }
  });

  it('changes the bytes when the mtime changes, so the mtime is really what is stored', async () => {
    const { manifest, contents } = sample();
    const a = await writeBundle({ outPath: freshPath(), manifest, contents, mtime: MTIME });
    const b = await writeBundle({ outPath: freshPath(), manifest, contents, mtime: new Date(MTIME.getTime() + 1000) });
    expect(b.sha256).not.toBe(a.sha256);
  });

  it('stores Buffer contents byte for byte', async () => {
    const { manifest } = manifestFrom({ [A.redisInfo.id]: 'placeholder' });
    const raw = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
    const written = await writeBundle({ outPath: freshPath(), manifest, contents: new Map([[A.redisInfo.id, raw]]), mtime: MTIME });
    const entry = written.manifest.artifacts.find((a) => a.id === A.redisInfo.id);
    expect(entry).toMatchObject({ bytes: 4, sha256: sha256(raw) });
  });

  it('leaves no staging or temp files behind after a successful write', async () => {
    const { manifest, contents } = sample();
    const sub = join(dir, 'clean');
    mkdirSync(sub);
    await writeBundle({ outPath: join(sub, 'out.tar.gz'), manifest, contents, mtime: MTIME });
    expect(readdirSync(sub)).toEqual(['out.tar.gz']);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});

describe('writeBundle refuses', () => {
  it('to overwrite an existing file, and leaves it untouched', async () => {
    const { manifest, contents } = sample();
    const outPath = freshPath();
    writeFileSync(outPath, 'the user had this');
    await expect(writeBundle({ outPath, manifest, contents, mtime: MTIME })).rejects.toThrow(OutputExistsError);
    await expect(writeBundle({ outPath, manifest, contents, mtime: MTIME })).rejects.toThrow(/already exists/);
    expect(readFileSync(outPath, 'utf8')).toBe('the user had this');
  });

  it('a destination directory that does not exist, in one line', async () => {
    const { manifest, contents } = sample();
    const outPath = join(dir, 'no', 'such', 'dir', 'b.tar.gz');
    await expect(writeBundle({ outPath, manifest, contents, mtime: MTIME })).rejects.toThrow(new BundleWriteError(`cannot write ${outPath}: directory ${join(dir, 'no', 'such', 'dir')} does not exist`));
  });

  it('a destination whose parent is a file', async () => {
    const { manifest, contents } = sample();
    const file = join(dir, 'plain-file');
    writeFileSync(file, '');
    await expect(writeBundle({ outPath: join(file, 'b.tar.gz'), manifest, contents, mtime: MTIME })).rejects.toThrow(/is not a directory/);
  });

  it('a destination directory it cannot write to, in one line (as nobody when the suite runs as root)', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    await letUnprivilegedIn(dir);
    const outPath = join(locked, 'b.tar.gz');
    const r = await callUnprivileged(WRITE_SAMPLE, 'writeSample', [outPath]);
    chmodSync(locked, 0o700);
    expect(r).toEqual({ error: { name: 'BundleWriteError', message: `cannot write ${outPath}: directory ${locked} is not writable` } });
    expect(readdirSync(locked)).toEqual([]);
  });

  it('content for an artifact the manifest does not list, as a fault of the tool', async () => {
    const { manifest, contents } = sample();
    const outPath = freshPath();
    const extra = new Map([...contents, ['files/not-in-manifest', 'x']]);
    await expect(writeBundle({ outPath, manifest, contents: extra, mtime: MTIME })).rejects.toThrow(InternalError);
    expect(existsSync(outPath)).toBe(false);
  });

  it('a manifest the schema rejects, before anything is written', async () => {
    const { manifest, contents } = sample();
    const outPath = freshPath();
    const broken = { ...manifest, options: { ...manifest.options, hours: -1 } };
    await expect(writeBundle({ outPath, manifest: broken, contents, mtime: MTIME })).rejects.toThrow(/^manifest invalid before packing: options\.hours: /);
    expect(existsSync(outPath)).toBe(false);
  });
});

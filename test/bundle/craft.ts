import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header, type types } from 'tar';
import { A } from '../../src/bundle/artifacts.js';
import { MANIFEST_ENTRY, type Manifest, entryName } from '../../src/bundle/manifest.js';
import { manifestFrom } from '../helpers/bundle-from.js';

// Hand-made archives for the reader's refusals: raw ustar headers (any name, any type flag, any linkpath),
// so a test can build exactly the hostile bundle node-tar's packer would never produce.

/** One raw tar entry: a name, a type flag and bytes. */
export interface RawEntry {
  name: string;
  type?: types.EntryTypeName;
  body?: string | Buffer;
  linkpath?: string;
}

const BLOCK = 512;

/** An uncompressed tar of exactly these headers and bodies, ended by two zero blocks. */
export function rawTar(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = entry.body === undefined ? Buffer.alloc(0) : Buffer.from(entry.body);
    const header = new Header({
      path: entry.name,
      type: entry.type ?? 'File',
      mode: 0o644,
      size: body.length,
      mtime: new Date('2026-11-27T12:00:00Z'),
      ...(entry.linkpath !== undefined ? { linkpath: entry.linkpath } : {}),
    });
    const block = Buffer.alloc(BLOCK);
    header.encode(block, 0);
    parts.push(block, body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** A gzipped raw tar. */
export const rawTarGz = (entries: RawEntry[]): Buffer => gzipSync(rawTar(entries), { level: 9 });

/** The sample artifacts the crafted bundles carry. */
export const SAMPLE = {
  [A.gatewayErrLog.id]: 'error: boom\nat somewhere\n',
  [A.redisPing.id]: 'PONG',
  [A.ps.id]: '',
};

/** A valid manifest and its entries (manifest first, then artifacts sorted), ready to be tampered with. */
export function validParts(artifacts: Record<string, string> = SAMPLE): { manifest: Manifest; entries: RawEntry[] } {
  const { manifest, contents } = manifestFrom(artifacts);
  const bodies = [...contents.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    manifest,
    entries: [manifestEntry(manifest), ...bodies.map(([id, body]) => ({ name: entryName(id), body }))],
  };
}

/** The manifest as its tar entry. */
export const manifestEntry = (manifest: unknown): RawEntry => ({
  name: MANIFEST_ENTRY,
  body: `${JSON.stringify(manifest, null, 2)}\n`,
});

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** A private temp dir for one test file. */
export const scratchDir = (): string => mkdtempSync(join(tmpdir(), 'gwbundle-test-'));

/** Writes bytes to a fresh file in `dir` and returns its path. */
export function fileIn(dir: string, name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

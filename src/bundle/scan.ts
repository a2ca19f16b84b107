import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Parser, type ReadEntry } from 'tar';
import { BundleFormatError } from '../errors.js';
import type { ArtifactBody } from './body.js';
import { NOT_OURS, ScanState } from './scan-state.js';
import type { ReadLimits } from './limits.js';
import type { Manifest } from './manifest.js';

// The one streaming pass over a bundle that both `openBundle` and `verifyBundle` use: it never extracts to
// disk, refuses unsafe or oversized archives with a single BundleFormatError, and collects integrity problems
// (hash, size, missing or unexpected entries) as lines so verify can list them all.

/** What a successful pass found. */
export interface ScanResult {
  manifest: Manifest;
  /** sha256 of the .tar.gz file as read. */
  bundleSha256: string;
  /** Integrity problems, one line each: empty for an intact bundle. */
  problems: string[];
  /** Artifact bytes by id (only with keepBodies): a Buffer, or compressed blocks for a big artifact. */
  bodies: Map<string, Buffer | ArtifactBody>;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Stats and sniffs the file before streaming: missing, not regular, too big or not gzip fail fast. */
async function preflight(file: string, limits: ReadLimits): Promise<void> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw new BundleFormatError(unreadable(file, error as NodeJS.ErrnoException));
  }
  if (!info.isFile()) throw new BundleFormatError(`${NOT_OURS} (${file} is ${info.isDirectory() ? 'a directory' : 'not a regular file'})`);
  if (info.size > limits.maxCompressedBytes) {
    throw new BundleFormatError(`bundle is ${info.size} bytes, over the limit of ${limits.maxCompressedBytes} (maxCompressedBytes)`);
  }
  const head = Buffer.alloc(2);
  const handle = await open(file, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  if (info.size < 2 || head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
    throw new BundleFormatError(`${NOT_OURS} (not a gzip file: a bundle is a .tar.gz)`);
  }
}

/** "no such file: X" first, as a shell would say it; other errors by their code. */
function unreadable(file: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `no such file: ${file}`;
  if (error.code === 'EACCES') return `cannot read ${file}: permission denied`;
  return `cannot read ${file}: ${error.code ?? error.message}`;
}

/** A parser/zlib error as one line; `limits` names the ratio cap the message refers to. */
function describeStreamError(error: Error & { code?: unknown; tarCode?: unknown }, limits: ReadLimits): string {
  const message = error.message;
  if (message.includes('max decompression ratio exceeded')) {
    return `decompression ratio over ${limits.maxDecompressionRatio}:1 (maxDecompressionRatio; a gzip bomb?)`;
  }
  if (message.includes('unexpected end of file')) return 'truncated gzip data (unexpected end of file)';
  if (typeof error.code === 'string' && error.code.startsWith('Z_')) return `corrupt gzip data (${message})`;
  // why: node-tar says this when the archive held no valid entry at all: an empty tar, or gzip of something else
  if (message.includes('Unrecognized archive format')) return `${NOT_OURS} (no manifest: the gzip data holds no tar entry)`;
  if (error.tarCode === 'TAR_BAD_ARCHIVE' || error.tarCode === 'TAR_ENTRY_INVALID') {
    return `corrupt tar: ${message.replace(/^TAR_[A-Z_]+: /, '')}`;
  }
  return `unreadable bundle: ${message}`;
}

/** Streams the bundle once, enforcing `limits`; throws BundleFormatError for anything unsafe or unreadable. */
export async function scanBundle(file: string, limits: ReadLimits, keepBodies: boolean): Promise<ScanResult> {
  await preflight(file, limits);
  const fileHash = createHash('sha256');
  const parser = new Parser({ strict: true, maxDecompressionRatio: limits.maxDecompressionRatio });
  const state = new ScanState(limits, keepBodies);
  const source = createReadStream(file);
  const outcome: { failure: string | null } = { failure: null };
  // why: throwing inside a parser callback becomes an uncaught exception; abort() makes the parser stop instead
  const fail = (message: string): void => {
    outcome.failure ??= message;
    parser.abort(new Error(message));
    source.destroy();
  };
  state.onFatal = fail;

  await new Promise<void>((resolve) => {
    parser.on('entry', (entry: ReadEntry) => {
      try {
        state.onEntry(entry);
      } catch (error) {
        fail(`unreadable bundle: ${(error as Error).message}`);
        entry.resume();
      }
    });
    parser.on('ignoredEntry', (entry: ReadEntry) => {
      fail(`entry ${JSON.stringify(entry.path)}: ${entry.meta ? 'oversized extended header' : `unknown entry type ${String(entry.header.typeKey)}`}`);
    });
    parser.on('error', (error: Error) => {
      if (outcome.failure === null) fail(describeStreamError(error, limits));
      resolve();
    });
    parser.on('end', () => resolve());
    source.on('error', (error) => {
      fail(unreadable(file, error as NodeJS.ErrnoException));
      resolve();
    });
    source.on('data', (chunk) => fileHash.update(chunk));
    source.pipe(parser as unknown as NodeJS.WritableStream);
  });

  if (outcome.failure !== null) throw new BundleFormatError(outcome.failure);
  const manifest = state.finish();
  if (manifest === null) throw new BundleFormatError(`${NOT_OURS} (no manifest: the archive is empty)`);
  return { manifest, bundleSha256: fileHash.digest('hex'), problems: state.problems, bodies: state.bodies };
}

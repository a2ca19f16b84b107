import { open } from 'node:fs/promises';
import type { StagedArtifact } from '../types.js';

// A bounded, frozen snapshot of a file that may be huge and still growing (launchd appends to gateway.log
// forever, and nothing rotates it): fstat once, read at most capBytes, never past that size, and start a
// tail on a whole record so the first kept line is not half an object. Reading cost follows the window.

/** How a file is kept: its end (logs) or its beginning (small state files, cut only when absurdly big). */
export type KeepMode = 'tail' | 'head';

export interface SnapshotOptions {
  capBytes: number;
  keep: KeepMode;
  /** Bun's multi-line console output: a tail starts on a line that begins a record, not inside an object. */
  bunRecords?: boolean;
}

export type FileSnapshot =
  | { kind: 'ok'; content: string; size: number; mtime: Date; bytesCut: number; note?: string }
  | { kind: 'missing' | 'error'; reason: string };

/** Lines that continue the record before them (records.ts): closing braces, lone commas, error frames. */
const CONTINUATION = /^(\d+ \| |error: |\s*at |\s*\^|,\s*$|}\s*,?\s*$)/;
const NEWLINE = 0x0a;

/** Offset in buf of the first byte of a whole record (after a newline; for bun, at a record's first line). */
export function recordStart(buf: Buffer, bunRecords: boolean): number | null {
  const nl = buf.indexOf(NEWLINE);
  if (nl < 0) return null;
  const first = nl + 1;
  if (!bunRecords) return first;
  let at = first;
  while (at < buf.length) {
    const end = buf.indexOf(NEWLINE, at);
    const line = buf.subarray(at, end < 0 ? buf.length : end).toString('utf8');
    if (line !== '' && !/^\s/.test(line) && !CONTINUATION.test(line)) return at;
    if (end < 0) break;
    at = end + 1;
  }
  // No record head in the window: a whole line is still better than nothing.
  return first;
}

function describeError(e: unknown): FileSnapshot {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', reason: 'no such file' };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'error', reason: 'permission denied' };
  if (code === 'EISDIR') return { kind: 'error', reason: 'is a directory' };
  return { kind: 'error', reason: `${code ?? 'read failed'}: ${(e as Error).message.split('\n')[0]}` };
}

/** Read exactly `length` bytes at `position` (fewer only if the file shrank). */
async function readRange(fh: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/** Snapshot a file: at most capBytes, frozen at the size fstat saw. */
export async function snapshotFile(path: string, opts: SnapshotOptions): Promise<FileSnapshot> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(path, 'r');
    const st = await fh.stat();
    if (!st.isFile()) return { kind: 'error', reason: 'not a regular file' };
    const size = st.size;
    const length = Math.min(size, opts.capBytes);
    const start = opts.keep === 'tail' ? size - length : 0;
    let buf = await readRange(fh, start, length);
    let note: string | undefined;
    if (opts.keep === 'tail' && start > 0) {
      const at = recordStart(buf, opts.bunRecords ?? false);
      if (at === null) note = 'no line boundary within the cap';
      buf = buf.subarray(at ?? buf.length);
    }
    const base = { kind: 'ok' as const, content: buf.toString('utf8'), size, mtime: st.mtime, bytesCut: size - buf.length };
    return note ? { ...base, note } : base;
  } catch (e) {
    return describeError(e);
  } finally {
    await fh?.close().catch(() => {});
  }
}

/** A file artifact: the snapshot with its machine path, full size, mtime and any cut recorded. */
export async function fileArtifact(
  id: string,
  machinePath: string,
  realPath: string,
  opts: SnapshotOptions,
): Promise<StagedArtifact> {
  const snap = await snapshotFile(realPath, opts);
  const source = { path: machinePath };
  if (snap.kind !== 'ok') return { id, status: snap.kind, reason: snap.reason, source };
  const cut = snap.bytesCut > 0;
  return {
    id,
    status: cut ? 'truncated' : 'ok',
    source,
    content: snap.content,
    bytesAtSource: snap.size,
    mtime: snap.mtime.toISOString(),
    truncations: cut
      ? [{ reason: 'artifact-cap', kept: opts.keep, bytesCut: snap.bytesCut, ...(snap.note ? { note: snap.note } : {}) }]
      : [],
  };
}

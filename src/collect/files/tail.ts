import { type FileHandle, open } from 'node:fs/promises';
import { bunRecordEnd, filePieces, isRecordHead, lineEnd, readExactly } from '../pieces.js';
import type { ContentStream, StagedArtifact } from '../types.js';

// A bounded, frozen snapshot of a file that may be huge and still growing (launchd appends to gateway.log
// forever, and nothing rotates it): fstat once, read at most capBytes, never past that size, and start a
// tail on a whole record so the first kept line is not half an object. Reading cost follows the window, and
// a tail is not read into memory here: it becomes a stream over the open file, read once when it is redacted
// and staged (src/collect/index.ts).

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

/** An open file and the range of it to keep. */
type OpenRange =
  | { kind: 'ok'; fh: FileHandle; start: number; end: number; size: number; mtime: Date; note?: string }
  | { kind: 'missing' | 'error'; reason: string };

const NEWLINE = 0x0a;
/** A tail bigger than this stays a stream over the open file; a smaller one is read at once. */
const STREAM_OVER_BYTES = 1024 * 1024;
/** Read step of the search for a tail's first record. */
const SEARCH_BLOCK = 64 * 1024;

/**
 * Where a tail that must begin at or after `from` starts in an open file: after the first newline, and for bun
 * logs on the first line that begins a record; read in blocks up to `end`, never whole. Null when no line ends
 * in the range.
 */
export async function fileRecordStart(fh: FileHandle, from: number, end: number, bunRecords: boolean): Promise<number | null> {
  let firstLine: number | null = null;
  let pending: Buffer = Buffer.alloc(0);
  let pendingAt = from;
  let pos = from;
  while (pos < end) {
    const block = await readExactly(fh, pos, Math.min(SEARCH_BLOCK, end - pos));
    pos += block.length;
    const buf = pending.length > 0 ? Buffer.concat([pending, block]) : block;
    let i = 0;
    if (firstLine === null) {
      const nl = buf.indexOf(NEWLINE);
      if (nl < 0) {
        pending = buf;
        continue;
      }
      firstLine = pendingAt + nl + 1;
      if (!bunRecords) return firstLine;
      i = nl + 1;
    }
    for (let nl = buf.indexOf(NEWLINE, i); nl >= 0; i = nl + 1, nl = buf.indexOf(NEWLINE, i)) {
      if (isRecordHead(buf.subarray(i, nl).toString('utf8'))) return pendingAt + i;
    }
    if (pos >= end && i < buf.length && isRecordHead(buf.subarray(i).toString('utf8'))) return pendingAt + i;
    pending = buf.subarray(i);
    pendingAt += i;
  }
  // No record head in the range: a whole line is still better than nothing.
  return firstLine;
}

function describeError(e: unknown): { kind: 'missing' | 'error'; reason: string } {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', reason: 'no such file' };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'error', reason: 'permission denied' };
  if (code === 'EISDIR') return { kind: 'error', reason: 'is a directory' };
  return { kind: 'error', reason: `${code ?? 'read failed'}: ${(e as Error).message.split('\n')[0]}` };
}

/** Opens a file and decides what of it to keep: at most capBytes, frozen at the size fstat saw. */
async function openRange(path: string, opts: SnapshotOptions): Promise<OpenRange> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    const st = await fh.stat();
    if (!st.isFile()) {
      await fh.close();
      return { kind: 'error', reason: 'not a regular file' };
    }
    const size = st.size;
    const length = Math.min(size, opts.capBytes);
    const from = opts.keep === 'tail' ? size - length : 0;
    if (opts.keep === 'tail' && from > 0) {
      const at = await fileRecordStart(fh, from, size, opts.bunRecords ?? false);
      if (at === null) return { kind: 'ok', fh, start: size, end: size, size, mtime: st.mtime, note: 'no line boundary within the cap' };
      return { kind: 'ok', fh, start: at, end: size, size, mtime: st.mtime };
    }
    return { kind: 'ok', fh, start: from, end: from + length, size, mtime: st.mtime };
  } catch (e) {
    await fh?.close().catch(() => {});
    return describeError(e);
  }
}

/** Snapshot a file into memory: at most capBytes, frozen at the size fstat saw (small files). */
export async function snapshotFile(path: string, opts: SnapshotOptions): Promise<FileSnapshot> {
  const range = await openRange(path, opts);
  if (range.kind !== 'ok') return range;
  try {
    const { fh, start, end, size, mtime, note } = range;
    const content = (await readExactly(fh, start, end - start)).toString('utf8');
    const base = { kind: 'ok' as const, content, size, mtime, bytesCut: size - (end - start) };
    return note ? { ...base, note } : base;
  } catch (e) {
    return describeError(e);
  } finally {
    await range.fh.close().catch(() => {});
  }
}

/** [start, end) of an open file as a content stream of record- or line-aligned pieces; closes the file. */
export function fileRangeStream(fh: FileHandle, start: number, end: number, bunRecords: boolean): ContentStream {
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await fh.close().catch(() => {});
  };
  return {
    bytes: end - start,
    async *pieces() {
      for await (const piece of filePieces(fh, start, end, bunRecords ? bunRecordEnd : lineEnd)) yield piece.toString('utf8');
    },
    close,
  };
}

/** A file artifact: a big tail as a stream, anything smaller in memory, with its machine path, full size, mtime and any cut. */
export async function fileArtifact(
  id: string,
  machinePath: string,
  realPath: string,
  opts: SnapshotOptions,
): Promise<StagedArtifact> {
  const source = { path: machinePath };
  if (opts.keep === 'head') {
    const snap = await snapshotFile(realPath, opts);
    if (snap.kind !== 'ok') return { id, status: snap.kind, reason: snap.reason, source };
    return withCut({ id, source, content: snap.content, bytesAtSource: snap.size, mtime: snap.mtime.toISOString() }, snap.bytesCut, opts.keep, snap.note);
  }
  const range = await openRange(realPath, opts);
  if (range.kind !== 'ok') return { id, status: range.kind, reason: range.reason, source };
  const meta = { id, source, bytesAtSource: range.size, mtime: range.mtime.toISOString() };
  const kept = range.end - range.start;
  if (kept > STREAM_OVER_BYTES) {
    const stream = fileRangeStream(range.fh, range.start, range.end, opts.bunRecords ?? false);
    return withCut({ ...meta, stream }, range.size - kept, opts.keep, range.note);
  }
  try {
    const content = (await readExactly(range.fh, range.start, kept)).toString('utf8');
    return withCut({ ...meta, content }, range.size - kept, opts.keep, range.note);
  } catch (e) {
    const why = describeError(e);
    return { id, status: why.kind, reason: why.reason, source };
  } finally {
    await range.fh.close().catch(() => {});
  }
}

/** The artifact's status and truncations for `bytesCut` bytes left out. */
function withCut(a: Omit<StagedArtifact, 'status' | 'truncations'>, bytesCut: number, keep: KeepMode, note: string | undefined): StagedArtifact {
  const cut = bytesCut > 0;
  return {
    ...a,
    status: cut ? 'truncated' : 'ok',
    truncations: cut ? [{ reason: 'artifact-cap', kept: keep, bytesCut, ...(note ? { note } : {}) }] : [],
  };
}

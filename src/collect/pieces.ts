import type { FileHandle } from 'node:fs/promises';

// Big artifacts travel through collect in pieces of about PIECE_BYTES read from the machine file, each ending
// where redacting it alone is the same as redacting the whole: on a line boundary (JSONL), on the head of a
// bun record (logs), and never inside a PEM private-key block, the one secret that spans lines.

/** Size of one piece before its boundary is found. */
export const PIECE_BYTES = 64 * 1024;

/** Where a piece of `buf` may end (exclusive offset), or null when it holds no boundary yet. */
export type PieceEnd = (buf: Buffer) => number | null;

const NEWLINE = 0x0a;
/** Lines that continue the record before them (src/replay/records.ts): closing braces, lone commas, frames. */
const CONTINUATION = /^(\d+ \| |error: |\s*at |\s*\^|,\s*$|}\s*,?\s*$)/;
/** How far back from the end of a piece to look for a record head before settling for a line end. */
const RECORD_LOOKBACK = 256 * 1024;

/** A line that starts a bun record (not indented, not empty, not a continuation). */
export const isRecordHead = (line: string): boolean => line !== '' && !/^\s/.test(line) && !CONTINUATION.test(line);

/** The start of the line holding an unterminated `-----BEGIN ... PRIVATE KEY` before `at`, or null. */
function openPemBlock(buf: Buffer, at: number): number | null {
  const begin = buf.lastIndexOf('-----BEGIN ', at);
  if (begin < 0) return null;
  const lineEnd = buf.indexOf(NEWLINE, begin);
  const beginLine = buf.subarray(begin, lineEnd < 0 ? buf.length : lineEnd).toString('latin1');
  if (!beginLine.includes('PRIVATE KEY')) return null;
  const end = buf.indexOf('-----END ', begin);
  if (end >= 0 && end < at) return null;
  return buf.lastIndexOf(NEWLINE, begin) + 1;
}

/** A boundary moved before any PEM block it would cut; null when the block starts the piece. */
function outsidePem(buf: Buffer, at: number | null): number | null {
  if (at === null) return null;
  const open = openPemBlock(buf, at);
  if (open === null) return at;
  return open > 0 ? open : null;
}

/** After the last newline: JSONL, where every line is a whole value. */
export const lineEnd: PieceEnd = (buf) => {
  const nl = buf.lastIndexOf(NEWLINE);
  return nl < 0 ? null : nl + 1;
};

/** Before the last bun record head (else after the last newline), outside any PEM block. */
export const bunRecordEnd: PieceEnd = (buf) => {
  const floor = Math.max(0, buf.length - RECORD_LOOKBACK);
  let end = buf.length;
  while (end > floor) {
    const nl = buf.lastIndexOf(NEWLINE, end - 1);
    if (nl < 0) break;
    const lineStart = nl + 1;
    if (lineStart < buf.length) {
      const next = buf.indexOf(NEWLINE, lineStart);
      const line = buf.subarray(lineStart, next < 0 ? buf.length : next).toString('utf8');
      if (isRecordHead(line)) return outsidePem(buf, lineStart);
    }
    end = nl;
  }
  return outsidePem(buf, lineEnd(buf));
};

/** Reads exactly `length` bytes at `position` into the start of `buf`; a file that shrank since it was measured is an error. */
export async function readInto(fh: FileHandle, buf: Buffer, position: number, length: number): Promise<void> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) throw new Error(`file shrank while it was read (${position + got} of ${position + length} bytes)`);
    got += bytesRead;
  }
}

/** Reads exactly `length` bytes at `position` into a new buffer (see readInto). */
export async function readExactly(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  await readInto(fh, buf, position, length);
  return buf;
}

/**
 * [start, end) of an open file in pieces of about `pieceBytes`, each ending where `pieceEnd` allows. The pieces
 * share one read buffer: a piece is valid until the next one is asked for (decode or copy it first).
 */
export async function* filePieces(fh: FileHandle, start: number, end: number, pieceEnd: PieceEnd, pieceBytes = PIECE_BYTES): AsyncGenerator<Buffer> {
  let work = Buffer.allocUnsafe(Math.min(pieceBytes, Math.max(0, end - start)));
  let carried = 0;
  let pos = start;
  while (pos < end) {
    const len = Math.min(pieceBytes, end - pos);
    if (work.length < carried + len) {
      const bigger = Buffer.allocUnsafe(carried + len);
      work.copy(bigger, 0, 0, carried);
      work = bigger;
    }
    await readInto(fh, work.subarray(carried), pos, len);
    pos += len;
    const buf = work.subarray(0, carried + len);
    if (pos >= end) {
      yield buf;
      return;
    }
    const at = pieceEnd(buf);
    // No boundary yet (one record longer than a piece): read on and cut later.
    if (at === null || at === 0) {
      carried = buf.length;
      continue;
    }
    yield buf.subarray(0, at);
    carried = buf.copy(work, 0, at);
  }
}

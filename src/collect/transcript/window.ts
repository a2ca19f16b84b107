import { type FileHandle, open } from 'node:fs/promises';
import { filePieces, lineEnd, readExactly, readInto } from '../pieces.js';
import type { ContentStream } from '../types.js';

// Reads a pi session JSONL from the end back to the start of the --hours window: entries are appended in
// time order, so the scan stops at the first entry older than the cutoff and reading cost follows the
// window. The header (line 1) is always kept; it names the session and its start. The scan only measures the
// window (where it starts, how many lines and bytes); the lines are read again, in pieces, when the
// transcript is redacted and staged, so they are never all in memory.

/** Backward read step. */
const CHUNK = 1024 * 1024;
/** Never read more than this much of one transcript, whatever the window. */
export const TRANSCRIPT_READ_CAP = 32 * 1024 * 1024;
/** The header line is short (id, timestamp, cwd); past this it is not a pi header. */
const HEADER_CAP = 64 * 1024;
const NEWLINE = 0x0a;

export interface TranscriptWindow {
  header: string | null;
  /** File offset of the first line of the window (lines from here to `size` are kept, blank ones dropped). */
  start: number;
  size: number;
  /** Lines inside the window (unparseable ones kept as-is, for redaction to see). */
  linesKept: number;
  /** Bytes of the kept content: the header line and the window's lines, each with its newline. */
  bytes: number;
  /** All lines of the file, known only when the scan reached the header. */
  linesAtSource: number | null;
  /** The read cap stopped the scan before the window's start. */
  capped: boolean;
}

const QUOTE = 0x22;
/** The four characters JSON allows between tokens. */
const JSON_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const BACKSLASH = 0x5c;

/**
 * The string value of the top-level "timestamp" key of a JSON object line, found by walking the line instead
 * of parsing it (the window scan reads tens of MB of entries: parsing each one allocated about twice their
 * size); `undefined` when it has none, null when a key is escaped and only a real parse can tell.
 */
function topLevelTimestamp(line: string): string | undefined | null {
  let depth = 0;
  let found: string | undefined;
  let valueOfTimestamp = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      let escaped = false;
      for (i = start; i < line.length && line.charCodeAt(i) !== QUOTE; i++) {
        if (line.charCodeAt(i) === BACKSLASH) {
          escaped = true;
          i++;
        }
      }
      if (depth !== 1) continue;
      let next = i + 1;
      while (next < line.length && JSON_SPACE.has(line.charCodeAt(next))) next++;
      if (line[next] === ':') {
        if (escaped) return null;
        valueOfTimestamp = line.slice(start, i) === 'timestamp';
      } else if (valueOfTimestamp) {
        found = escaped ? (JSON.parse(line.slice(start - 1, i + 1)) as string) : line.slice(start, i);
        valueOfTimestamp = false;
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > 1) valueOfTimestamp = false;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c && depth === 1) valueOfTimestamp = false;
  }
  return found;
}

/** True when the line is an entry stamped before the cutoff (what JSON.parse would say; it confirms a yes). */
function olderThan(line: string, cutoffMs: number): boolean {
  const quick = topLevelTimestamp(line);
  if (quick === undefined || (quick !== null && !(Date.parse(quick) < cutoffMs))) return false;
  try {
    const v = JSON.parse(line) as { timestamp?: unknown };
    return typeof v.timestamp === 'string' && Date.parse(v.timestamp) < cutoffMs;
  } catch {
    return false;
  }
}

/** Measures the window of an open transcript: the header plus every entry at or after cutoffMs, within a frozen fstat size. */
async function scanWindow(fh: FileHandle, cutoffMs: number, readCap: number): Promise<TranscriptWindow> {
  const size = (await fh.stat()).size;
  const head = await readExactly(fh, 0, Math.min(size, HEADER_CAP));
  const nl = head.indexOf(NEWLINE);
  const header = size === 0 ? null : head.subarray(0, nl < 0 ? head.length : nl).toString('utf8');
  const bodyStart = nl < 0 ? size : nl + 1;
  let start = size;
  let pos = size;
  let carry: Buffer = Buffer.alloc(0);
  // why: one read buffer for the whole scan; a fresh 1 MiB buffer per step left the malloc heap tens of MB larger
  let work = Buffer.allocUnsafe(CHUNK);
  let read = 0;
  let done = false;
  let seen = 0;
  let linesKept = 0;
  let keptBytes = 0;
  while (!done && pos > bodyStart && read < readCap) {
    const len = Math.min(CHUNK, pos - bodyStart, readCap - read);
    pos -= len;
    read += len;
    // buf covers [pos, pos + buf.length): this chunk plus the line the later chunk began in the middle of.
    if (work.length < len + carry.length) work = Buffer.allocUnsafe(len + carry.length);
    await readInto(fh, work, pos, len);
    carry.copy(work, len);
    const buf = work.subarray(0, len + carry.length);
    // Until the body start, the first line in buf may be partial: carry it to the next (earlier) chunk.
    const firstNl = buf.indexOf(NEWLINE);
    const cut = pos <= bodyStart ? 0 : firstNl < 0 ? buf.length : firstNl + 1;
    carry = Buffer.from(buf.subarray(0, cut));
    // Whole lines of [cut, buf.length), newest first; `hi` is the end (newline included) of the next one.
    let hi = buf.length;
    while (hi > cut) {
      const contentEnd = buf[hi - 1] === NEWLINE ? hi - 1 : hi;
      const before = contentEnd > cut ? buf.lastIndexOf(NEWLINE, contentEnd - 1) : -1;
      const lineStart = before >= cut ? before + 1 : cut;
      if (contentEnd > lineStart) {
        seen++;
        if (olderThan(buf.toString('utf8', lineStart, contentEnd), cutoffMs)) {
          done = true;
          start = pos + hi;
          break;
        }
        linesKept++;
        keptBytes += contentEnd - lineStart + 1;
      }
      hi = lineStart;
    }
    if (!done) start = pos + cut;
  }
  const reachedHeader = !done && pos <= bodyStart;
  return {
    header,
    start,
    size,
    linesKept,
    bytes: (header === null ? 0 : Buffer.byteLength(header) + 1) + keptBytes,
    linesAtSource: reachedHeader ? seen + (header === null ? 0 : 1) : null,
    capped: !done && !reachedHeader,
  };
}

/** The window and a stream of its content (the header line, then the window's non-blank lines); the stream closes the file. */
export async function openTranscriptWindow(path: string, cutoffMs: number, readCap = TRANSCRIPT_READ_CAP): Promise<{ window: TranscriptWindow; stream: ContentStream }> {
  const fh = await open(path, 'r');
  let win: TranscriptWindow;
  try {
    win = await scanWindow(fh, cutoffMs, readCap);
  } catch (e) {
    await fh.close();
    throw e;
  }
  let closed = false;
  const stream: ContentStream = {
    bytes: win.bytes,
    async *pieces() {
      if (win.header !== null) yield `${win.header}\n`;
      for await (const piece of filePieces(fh, win.start, win.size, lineEnd)) {
        const lines = piece.toString('utf8').split('\n').filter((l) => l !== '');
        if (lines.length > 0) yield `${lines.join('\n')}\n`;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await fh.close().catch(() => {});
    },
  };
  return { window: win, stream };
}

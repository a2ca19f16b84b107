import { open } from 'node:fs/promises';

// Reads a pi session JSONL from the end back to the start of the --hours window: entries are appended in
// time order, so the scan stops at the first entry older than the cutoff and reading cost follows the
// window. The header (line 1) is always kept; it names the session and its start.

/** Backward read step. */
const CHUNK = 1024 * 1024;
/** Never read more than this much of one transcript, whatever the window. */
export const TRANSCRIPT_READ_CAP = 32 * 1024 * 1024;
/** The header line is short (id, timestamp, cwd); past this it is not a pi header. */
const HEADER_CAP = 64 * 1024;

export interface TranscriptWindow {
  header: string | null;
  /** Lines inside the window, oldest first (unparseable ones kept as-is, for redaction to see). */
  lines: string[];
  size: number;
  /** All lines of the file, known only when the scan reached the header. */
  linesAtSource: number | null;
  /** The read cap stopped the scan before the window's start. */
  capped: boolean;
}

/** True when the line is an entry stamped before the cutoff. */
function olderThan(line: string, cutoffMs: number): boolean {
  try {
    const v = JSON.parse(line) as { timestamp?: unknown };
    return typeof v.timestamp === 'string' && Date.parse(v.timestamp) < cutoffMs;
  } catch {
    return false;
  }
}

/** The header plus every entry at or after cutoffMs, within a frozen fstat size. */
export async function readTranscriptWindow(path: string, cutoffMs: number, readCap = TRANSCRIPT_READ_CAP): Promise<TranscriptWindow> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const head = Buffer.alloc(Math.min(size, HEADER_CAP));
    await fh.read(head, 0, head.length, 0);
    const nl = head.indexOf(0x0a);
    const header = size === 0 ? null : head.subarray(0, nl < 0 ? head.length : nl).toString('utf8');
    const bodyStart = nl < 0 ? size : nl + 1;
    const kept: string[] = [];
    let pos = size;
    let carry = Buffer.alloc(0);
    let read = 0;
    let done = false;
    let seen = 0;
    while (!done && pos > bodyStart && read < readCap) {
      const len = Math.min(CHUNK, pos - bodyStart, readCap - read);
      pos -= len;
      read += len;
      const chunk = Buffer.alloc(len);
      await fh.read(chunk, 0, len, pos);
      const buf = Buffer.concat([chunk, carry]);
      // Until the body start, the first line in buf may be partial: carry it to the next (earlier) chunk.
      const nlAt = buf.indexOf(0x0a);
      const cut = pos <= bodyStart ? 0 : nlAt < 0 ? buf.length : nlAt + 1;
      carry = buf.subarray(0, cut);
      const lines = buf.subarray(cut).toString('utf8').split('\n');
      for (let i = lines.length - 1; i >= 0; i--) {
        const line = lines[i] ?? '';
        if (line === '') continue;
        seen++;
        if (olderThan(line, cutoffMs)) {
          done = true;
          break;
        }
        kept.push(line);
      }
    }
    const reachedHeader = !done && pos <= bodyStart;
    return {
      header,
      lines: kept.reverse(),
      size,
      linesAtSource: reachedHeader ? seen + (header === null ? 0 : 1) : null,
      capped: !done && !reachedHeader,
    };
  } finally {
    await fh.close();
  }
}

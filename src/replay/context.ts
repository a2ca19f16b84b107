import type { ArtifactBody } from '../bundle/body.js';
import type { ArtifactEntry } from '../bundle/manifest.js';
import type { BundleView } from '../bundle/view.js';
import { groupRanges } from './records.js';
import type { LogRecord } from './types.js';

/** A JSONL line that parsed, with its 1-based line number. */
export interface JsonlLine {
  line: number;
  value: unknown;
}

/**
 * A bundle view plus memoized parsed forms. Layers, patterns and scenarios take this; it never reads the
 * disk, the network or the clock: `now` is the capture time.
 */
export interface ReplayContext {
  readonly view: BundleView;
  readonly now: Date;
  entry(id: string): ArtifactEntry | undefined;
  text(id: string): string | undefined;
  lines(id: string): string[] | undefined;
  /** Parsed JSON, or undefined when absent or unparseable (see `absence`). */
  json<T = unknown>(id: string): T | undefined;
  /** Parsed JSONL lines (unparseable lines are skipped and counted in `jsonlErrors`). */
  jsonl(id: string): JsonlLine[] | undefined;
  /**
   * Every JSONL line that parsed, in order, to `visit`; false when the artifact has no content. The way to read
   * a whole big artifact: the first pass parses each line once (jsonl() of a big one parses again on each read).
   */
  eachJsonl(id: string, visit: (line: JsonlLine) => void): boolean;
  jsonlErrors(id: string): number;
  /** Log records of a text log (bun's multi-line output grouped). */
  records(id: string): LogRecord[] | undefined;
  /**
   * Why the artifact gives no evidence, or null when it has usable content. One readable line such as
   * "files/gateway.err was not collected (missing: no such file)" or "... timed out after 10 s".
   */
  absence(id: string): string | null;
  /** The 1-based number of the last line that contains `needle`, or null (a big log is searched in its bytes). */
  lastLineWith(id: string, needle: string): number | null;
  /**
   * The 1-based numbers of the lines with a match of `ascii`, in order: an unanchored pattern of ASCII characters
   * only, whose matches are shorter than 256 bytes (a big log is searched in its bytes, a block at a time).
   */
  linesMatching(id: string, ascii: RegExp): number[];
  /** Memoize any derived value by key (pattern scan, session turns, ...). */
  memo<T>(key: string, compute: () => T): T;
}

// Memory: the view holds each artifact's bytes once (a big one compressed in blocks, src/bundle/body.ts).
// Small artifacts are decoded once and their text, lines and JSON kept. A big one (a log tail, the
// transcript window) is never kept as one string: its lines are found in its bytes, its records decode their
// first line and text from the bytes when asked, and its JSONL values are parsed when read and
// dropped after, so replaying a bundle that decodes to 67 MB holds a few MB of it at a time.

/** Artifacts up to this size are decoded once and kept as text; bigger ones are read from their bytes. */
export const KEEP_TEXT_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;

/** Where each line of a big artifact ends in its bytes (a trailing newline adds no empty line). */
interface LineIndex {
  body: ArtifactBody;
  /** ends[i] is where line i ends, without its newline; line i starts one byte after line i - 1 ends. */
  ends: Uint32Array;
  count: number;
}

/** Where line i starts (the ends are all we keep: ~700,000 lines in a 16 MiB log). */
const startOf = (ix: LineIndex, i: number): number => (i === 0 ? 0 : ix.ends[i - 1]! + 1);

/** Reading step of the line index. */
const INDEX_STEP = 256 * 1024;

function indexLines(body: ArtifactBody): LineIndex {
  // why: grown in place (doubling) instead of a number[] copied at the end: no 5 MB transient array per log
  let ends = new Uint32Array(1024);
  let count = 0;
  const push = (at: number) => {
    if (count === ends.length) {
      const grown = new Uint32Array(ends.length * 2);
      grown.set(ends);
      ends = grown;
    }
    ends[count++] = at;
  };
  for (let pos = 0; pos < body.length; pos += INDEX_STEP) {
    const part = body.slice(pos, Math.min(body.length, pos + INDEX_STEP));
    for (let at = part.indexOf(NEWLINE); at >= 0; at = part.indexOf(NEWLINE, at + 1)) push(pos + at);
  }
  const last = count > 0 ? ends[count - 1]! + 1 : 0;
  if (last < body.length) push(body.length);
  return { body, ends: ends.slice(0, count), count };
}

const lineOf = (ix: LineIndex, i: number): string => ix.body.text(startOf(ix, i), ix.ends[i]!);

/** The 0-based line that holds byte `at`: the first line whose end is at or after it. */
function lineAt(ix: LineIndex, at: number): number {
  let lo = 0;
  let hi = ix.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ix.ends[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bytes a block's search reads past its end, so a match that starts in the block and crosses into the next is found. */
const MATCH_OVERLAP = 256;

/** Where `needle` last occurs in a body, searched a block at a time from the end (blocks overlap by its length). */
function lastIndexIn(body: ArtifactBody, needle: Buffer): number {
  for (let end = body.length; end > 0; end -= INDEX_STEP) {
    const start = Math.max(0, end - INDEX_STEP - needle.length + 1);
    const at = body.slice(start, end).lastIndexOf(needle);
    if (at >= 0) return start + at;
  }
  return -1;
}

/** Bytes decoded at once when a big artifact's lines are read in order (small enough to stay a young string). */
const DECODE_CHUNK_BYTES = 64 * 1024;

/**
 * Line i of a big artifact for i = 0, 1, 2, ...: decoded a chunk of whole lines at a time (one decode per
 * 64 KiB instead of one per line); a line is a slice of its chunk, so keep it only as long as the chunk.
 */
function inOrder(ix: LineIndex): (i: number) => string {
  let chunk = '';
  let first = 0;
  let last = -1;
  let charStarts: number[] = [];
  return (i) => {
    if (i > last) {
      first = i;
      last = i;
      while (last + 1 < ix.count && ix.ends[last + 1]! - startOf(ix, first) <= DECODE_CHUNK_BYTES) last++;
      chunk = ix.body.text(startOf(ix, first), ix.ends[last]!);
      charStarts = [0];
      for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) charStarts.push(at + 1);
    }
    const k = i - first;
    const start = charStarts[k] ?? 0;
    const next = charStarts[k + 1];
    return chunk.slice(start, next === undefined ? chunk.length : next - 1);
  };
}

/**
 * A record of a big log: its first line and its text decoded from the log's bytes on each access. Nothing
 * decoded is kept: a 16 MiB log has ~100,000 records, and their first lines as strings were ~15 MB of heap.
 */
class ByteRangeRecord implements LogRecord {
  constructor(
    readonly artifact: string,
    readonly line: number,
    readonly endLine: number,
    private readonly ix: LineIndex,
  ) {}

  get head(): string {
    return lineOf(this.ix, this.line - 1);
  }

  get text(): string {
    return this.ix.body.text(startOf(this.ix, this.line - 1), this.ix.ends[this.endLine - 1]!);
  }
}

/** A JSONL line of a big artifact, parsed when its value is read (and not kept). */
class LazyJsonlLine implements JsonlLine {
  constructor(
    readonly line: number,
    private readonly ix: LineIndex,
    private readonly i: number,
  ) {}

  get value(): unknown {
    return JSON.parse(lineOf(this.ix, this.i));
  }
}

/** Parses a JSONL line, or undefined when it is not JSON. */
function tryJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

const splitLines = (t: string): string[] => {
  const ls = t.split('\n');
  if (ls.length > 0 && ls[ls.length - 1] === '') ls.pop();
  return ls;
};

/** How a context holds artifacts; the default is right for every bundle (tests lower it to try the big path). */
export interface ContextOptions {
  keepTextBytes?: number;
}

export function createContext(view: BundleView, options: ContextOptions = {}): ReplayContext {
  const keepTextBytes = options.keepTextBytes ?? KEEP_TEXT_BYTES;
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const body = (id: string): ArtifactBody | undefined => memo(`body:${id}`, () => view.body(id));
  const isBig = (id: string): boolean => (body(id)?.length ?? 0) > keepTextBytes;
  /** The byte-level line index of a big artifact, built once. */
  const lineIndex = (id: string): LineIndex | undefined =>
    memo(`line-index:${id}`, () => {
      const b = body(id);
      return b === undefined ? undefined : indexLines(b);
    });
  // A big artifact's text is decoded for the caller and not kept.
  const text = (id: string): string | undefined => (isBig(id) ? view.text(id) : memo(`text:${id}`, () => view.text(id)));
  const hasBytes = (id: string): boolean => body(id) !== undefined;
  const nonEmpty = (id: string): boolean => (body(id)?.length ?? 0) > 0;
  const lines = (id: string): string[] | undefined => {
    if (!isBig(id)) {
      return memo(`lines:${id}`, () => {
        const t = text(id);
        return t === undefined ? undefined : splitLines(t);
      });
    }
    const ix = lineIndex(id);
    if (ix === undefined) return undefined;
    const lineAt = inOrder(ix);
    return Array.from({ length: ix.count }, (_, i) => lineAt(i));
  };
  const parsedJson = (id: string) =>
    memo(`json:${id}`, (): { ok: true; value: unknown } | { ok: false } | undefined => {
      const t = text(id);
      if (t === undefined) return undefined;
      const parsed = tryJson(t);
      return parsed ? { ok: true, value: parsed.value } : { ok: false };
    });
  /**
   * The JSONL lines of a big artifact that hold a value (not blank, and JSON), and how many did not parse:
   * found in one pass that parses every line and keeps none of the values.
   */
  const bigJsonl = (id: string, visit?: (line: JsonlLine) => void) =>
    memo(`jsonl-lines:${id}`, () => {
      const ix = lineIndex(id);
      if (ix === undefined) return undefined;
      const valid: number[] = [];
      let errors = 0;
      const lineAt = inOrder(ix);
      for (let i = 0; i < ix.count; i++) {
        const l = lineAt(i);
        if (l.trim() === '') continue;
        const parsed = tryJson(l);
        if (parsed === undefined) errors++;
        else {
          valid.push(i);
          visit?.({ line: i + 1, value: parsed.value });
        }
      }
      return { ix, valid, errors };
    });
  const eachJsonl = (id: string, visit: (line: JsonlLine) => void): boolean => {
    // A big artifact not read yet is parsed once, handing each value to `visit` as the pass finds it.
    if (isBig(id) && !cache.has(`jsonl-lines:${id}`)) return bigJsonl(id, visit) !== undefined;
    const all = jsonlOf(id);
    all?.forEach(visit);
    return all !== undefined;
  };
  /** JSONL lines: parsed and kept for a small artifact; for a big one, parsed again when read (see LazyJsonlLine). */
  const jsonlOf = (id: string): JsonlLine[] | undefined => {
    if (isBig(id)) {
      const big = bigJsonl(id);
      return big?.valid.map((i) => new LazyJsonlLine(i + 1, big.ix, i));
    }
    return smallJsonl(id)?.out;
  };
  const smallJsonl = (id: string) =>
    memo(`jsonl:${id}`, () => {
      const ls = lines(id);
      if (ls === undefined) return undefined;
      const out: JsonlLine[] = [];
      let errors = 0;
      ls.forEach((l, i) => {
        if (l.trim() === '') return;
        const parsed = tryJson(l);
        if (parsed) out.push({ line: i + 1, value: parsed.value });
        else errors++;
      });
      return { out, errors };
    });
  const jsonlErrors = (id: string): number => (isBig(id) ? (bigJsonl(id)?.errors ?? 0) : (smallJsonl(id)?.errors ?? 0));
  const records = (id: string): LogRecord[] | undefined =>
    memo(`records:${id}`, () => {
      if (!isBig(id)) {
        const ls = lines(id);
        if (ls === undefined) return undefined;
        const t = text(id) ?? '';
        // Small logs: head and text are slices of the kept text.
        const offsets = lineOffsets(ls);
        return groupRanges(ls.length, (i) => ls[i] ?? '').map(([s, e]) => ({
          artifact: id,
          line: s + 1,
          endLine: e + 1,
          head: ls[s] ?? '',
          text: t.slice(offsets[s], (offsets[e] ?? 0) + (ls[e]?.length ?? 0)),
        }));
      }
      const ix = lineIndex(id);
      if (ix === undefined) return undefined;
      return groupRanges(ix.count, inOrder(ix)).map(([s, e]) => new ByteRangeRecord(id, s + 1, e + 1, ix));
    });

  const linesMatching = (id: string, ascii: RegExp): number[] => {
    const once = new RegExp(ascii.source, ascii.flags.replace(/[gy]/g, ''));
    if (!isBig(id)) return (lines(id) ?? []).flatMap((l, i) => (once.test(l) ? [i + 1] : []));
    const global = new RegExp(once.source, `${once.flags}g`);
    const ix = lineIndex(id);
    if (ix === undefined) return [];
    const out: number[] = [];
    // why: latin1 decodes a byte to one char, so offsets stay byte offsets; UTF-8 sequences become chars above
    // 0x7f and can never match an ASCII pattern
    for (let pos = 0; pos < ix.body.length; pos += INDEX_STEP) {
      const window = ix.body.slice(pos, Math.min(ix.body.length, pos + INDEX_STEP + MATCH_OVERLAP)).toString('latin1');
      global.lastIndex = 0;
      for (let m = global.exec(window); m !== null && m.index < INDEX_STEP; m = global.exec(window)) {
        const line = lineAt(ix, pos + m.index) + 1;
        if (out[out.length - 1] !== line) out.push(line);
        if (m[0] === '') global.lastIndex++;
      }
    }
    return out;
  };

  const lastLineWith = (id: string, needle: string): number | null => {
    if (!isBig(id)) {
      const i = lines(id)?.findLastIndex((l) => l.includes(needle)) ?? -1;
      return i < 0 ? null : i + 1;
    }
    const ix = lineIndex(id);
    if (ix === undefined) return null;
    const at = lastIndexIn(ix.body, Buffer.from(needle, 'utf8'));
    return at < 0 ? null : lineAt(ix, at) + 1;
  };

  return {
    view,
    now: view.capturedAt,
    entry: (id) => view.entry(id),
    text,
    lines,
    json: <T>(id: string) => {
      const p = parsedJson(id);
      return p && p.ok ? (p.value as T) : undefined;
    },
    jsonl: jsonlOf,
    eachJsonl,
    jsonlErrors,
    records,
    lastLineWith,
    linesMatching,
    absence: (id) => {
      const e = view.entry(id);
      if (!e) return `${id} is not in this bundle (collected by an older gwbundle, or not collected)`;
      const why = e.reason ? `: ${e.reason}` : '';
      switch (e.status) {
        case 'missing':
          return `${id} was not collected (missing${why})`;
        case 'timeout':
          if (nonEmpty(id)) break; // partial output is still evidence
          return `${id} timed out${why}`;
        case 'error':
          if (e.kind === 'command' && hasBytes(id)) break; // a command that ran and failed is evidence
          return `${id} could not be collected (error${why})`;
        case 'skipped':
          return `${id} was skipped${why}`;
        default:
          break;
      }
      if (!hasBytes(id)) return `${id} has no content in the bundle`;
      if (e.contentType === 'json' && parsedJson(id)?.ok === false && text(id)!.trim() !== '') {
        return `${id} did not parse as JSON`;
      }
      return null;
    },
    memo,
  };
}

/** The UTF-16 offset of each line in the text the lines were split from. */
function lineOffsets(ls: readonly string[]): number[] {
  const out = new Array<number>(ls.length);
  let at = 0;
  for (let i = 0; i < ls.length; i++) {
    out[i] = at;
    at += (ls[i]?.length ?? 0) + 1;
  }
  return out;
}

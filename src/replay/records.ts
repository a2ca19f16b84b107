import type { LogRecord } from './types.js';

// Bun prints `console.*(msg, {obj})` over several lines: the message and ` {`, then `  key: value,` lines,
// then `}` at column 0; Error values add code frames (`12 | …`), a caret line, `error: …`, `at …` lines and
// a lone `,`. A string with `\n` continues unindented. So a record starts at a column-0 line that is not `}`
// or `,` and does not look like a continuation, and an open `{` header runs to the next column-0 `}`.
// (joelclaw-gateway-facts §1.1, "Grouping rule for an analyzer"). An Error passed as its own argument
// (`console.warn(msg, err)`) prints after the message on the same line (its code frame, or `warn: <message>`),
// its fields, a blank line and the `at` lines, and a blank line after them (checked on Bun 1.3.14).

/**
 * Lines that belong to the record before them even at column 0: bun error frames inside objects, and the
 * `Reason: …` / `Will probe primary …` lines of the fallback notify text, a string with `\n` (daemon.ts:5043).
 */
const CONTINUATION = /^(\d+ \| |error: |\s*at |\s*\^|,\s*$|}\s*,?\s*$|Reason: |Will probe primary)/;

/** The first code-frame line of an Error printed right after the message: `msg  8 | <source>`. */
const INLINE_FRAME = /\s\d+ \| /;
/** A caret line under a code frame; the line after it is the Error's header (`error: …` or `GrammyError: …`). */
const CARET = /^\s+\^\s*$/;
const AT_LINE = /^\s+at /;

/** Past this many lines an unclosed object ends at the next `[prefix]` line. */
const MAX_RECORD_LINES = 200;

/**
 * The records of `count` lines as [first, last] line index pairs (0-based, inclusive); `lineAt(i)` gives
 * line i. Lines are asked for in order (the next one at most once ahead), so a caller can decode them from
 * bytes as it goes (src/replay/context.ts).
 */
export function groupRanges(count: number, lineAt: (i: number) => string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let open: { start: number; lines: number; inObject: boolean } | null = null;
  // The line before this one: the last line of the open record whenever one is open.
  let prev = '';
  let l = '';
  const close = (endIdx: number) => {
    if (!open) return;
    ranges.push([open.start, endIdx]);
    open = null;
  };
  for (let i = 0; i < count; prev = l, i++) {
    l = lineAt(i);
    if (open && open.inObject) {
      // An object whose `}` never came (a cut log) must not swallow the rest of the file.
      if (open.lines >= MAX_RECORD_LINES && /^\[/.test(l)) close(i - 1);
      else {
        open.lines++;
        if (l.startsWith('}')) close(i);
        continue;
      }
    }
    const afterCaret = open !== null && CARET.test(prev);
    const startsRecord = l !== '' && !/^\s/.test(l) && !CONTINUATION.test(l) && !afterCaret;
    if (startsRecord) {
      if (open) close(i - 1);
      // `msg  12 | function f() {` is an Error's code frame, not an object header
      open = { start: i, lines: 1, inObject: /\{\s*$/.test(l) && !/\{\s*\}\s*$/.test(l) && !INLINE_FRAME.test(l) };
      continue;
    }
    if (l === '' && open && !open.inObject) {
      // the blank line between an Error's fields and its stack belongs to the record
      if (i + 1 < count && AT_LINE.test(lineAt(i + 1))) open.lines++;
      else close(i - 1);
      continue;
    }
    if (open) open.lines++;
    else if (l !== '') open = { start: i, lines: 1, inObject: false };
  }
  if (open) close(count - 1);
  return ranges;
}

/** The records of a log's lines, each with its first line and its lines joined. */
export function groupRecords(artifact: string, lines: readonly string[]): LogRecord[] {
  return groupRanges(lines.length, (i) => lines[i] ?? '').map(([s, e]) => ({
    artifact,
    line: s + 1,
    endLine: e + 1,
    head: lines[s] ?? '',
    text: lines.slice(s, e + 1).join('\n'),
  }));
}

/** The index of the last record that starts at or before `line` in records sorted by line (as a log's are), or -1. */
function lastStartingBy(records: readonly Pick<LogRecord, 'line'>[], line: number): number {
  let lo = -1;
  let hi = records.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (records[mid]!.line <= line) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The record whose first line is `line`, by binary search in records sorted by line. */
export function recordAt<R extends Pick<LogRecord, 'line'>>(records: readonly R[], line: number): R | undefined {
  const r = records[lastStartingBy(records, line)];
  return r?.line === line ? r : undefined;
}

/** The record that holds `line` (its first line or a later one), by binary search in records sorted by line. */
export function recordHolding<R extends Pick<LogRecord, 'line' | 'endLine'>>(records: readonly R[], line: number): R | undefined {
  const r = records[lastStartingBy(records, line)];
  return r !== undefined && line <= r.endLine ? r : undefined;
}

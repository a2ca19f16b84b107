import type { LogRecord } from './types.js';

// Bun prints `console.*(msg, {obj})` over several lines: the message and ` {`, then `  key: value,` lines,
// then `}` at column 0; Error values add code frames (`12 | …`), a caret line, `error: …`, `at …` lines and
// a lone `,`. A string with `\n` continues unindented. So a record starts at a column-0 line that is not `}`
// or `,` and does not look like a continuation, and an open `{` header runs to the next column-0 `}`.
// (joelclaw-gateway-facts §1.1, "Grouping rule for an analyzer").

/**
 * Lines that belong to the record before them even at column 0: bun error frames inside objects, and the
 * `Reason: …` / `Will probe primary …` lines of the fallback notify text, a string with `\n` (daemon.ts:5043).
 */
const CONTINUATION = /^(\d+ \| |error: |\s*at |\s*\^|,\s*$|}\s*,?\s*$|Reason: |Will probe primary)/;

/** Past this many lines an unclosed object ends at the next `[prefix]` line. */
const MAX_RECORD_LINES = 200;

/**
 * The records of `count` lines as [first, last] line index pairs (0-based, inclusive); `lineAt(i)` gives
 * line i. Each line is asked for once, in order, so a caller can decode lines from bytes as it goes.
 */
export function groupRanges(count: number, lineAt: (i: number) => string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let open: { start: number; lines: number; inObject: boolean } | null = null;
  const close = (endIdx: number) => {
    if (!open) return;
    ranges.push([open.start, endIdx]);
    open = null;
  };
  for (let i = 0; i < count; i++) {
    const l = lineAt(i);
    if (open && open.inObject) {
      // An object whose `}` never came (a cut log) must not swallow the rest of the file.
      if (open.lines >= MAX_RECORD_LINES && /^\[/.test(l)) close(i - 1);
      else {
        open.lines++;
        if (l.startsWith('}')) close(i);
        continue;
      }
    }
    const startsRecord = l !== '' && !/^\s/.test(l) && !CONTINUATION.test(l);
    if (startsRecord) {
      if (open) close(i - 1);
      open = { start: i, lines: 1, inObject: /\{\s*$/.test(l) && !/\{\s*\}\s*$/.test(l) };
      continue;
    }
    if (l === '' && open && !open.inObject) {
      close(i - 1);
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

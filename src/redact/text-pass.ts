import type { RuleRange } from './engine.js';
import type { TextPlan } from './plan.js';
import type { TextRule } from './types.js';
import { isPlaceholder, PLACEHOLDER_TAIL } from './values.js';

// The pass every text goes through (whole logs, decoded JSON strings, stderr, argv, URLs). One keyword scan
// of the text (src/redact/keywords.ts) says where each keyed rule may match; a rule then runs only on the
// windows around its keywords' occurrences: from the start of the line a few hundred chars before the keyword
// to the end of the line a few hundred chars after it (a name and its value may sit on neighbouring lines, as in
// an XML element), or the keyword's line alone for a rule whose matches never leave it; at most a few KiB
// either way on a very long line. Windows of one rule that (nearly) touch run as one.
// A value that is a placeholder (ghp_xxxx..., AKIAXXXXXXXXXXXXXXXX, <token>) is no secret, whatever found it.
// Escaped JSON in a log line (`"output:\\ndapi8ba8..."`) puts a letter right before a token; rules see `\n`,
// `\r`, `\t` as two blanks (same length, so offsets hold) unless they read escapes themselves.

const ESCAPE = /\\[nrt]/g;

/** How far before / after a keyword a window reaches on one line, at most. */
const MAX_BEFORE = 4096;
const MAX_AFTER = 16384;
/** A window starts / ends at the line around this many chars before / past the keyword. */
const BEFORE = 256;
const AFTER = 256;
/** How much of a cut window must lie past a hit for the hit to count as inside it (a long token). */
const TOKEN_ROOM = 4096;
/** Windows of one rule closer than this run as one: fewer calls for a little more text. */
const MERGE_GAP = 256;

/** The ranges every rule of the plan finds in `text`, with each rule's rank. */
export function textRanges(text: string, plan: TextPlan): RuleRange[] {
  const ranges: RuleRange[] = [];
  const run = (ri: number, from: number, to: number): void => {
    const rule = plan.rules[ri];
    if (!rule) return;
    let window = from === 0 && to === text.length ? text : text.slice(from, to);
    if (!rule.readsEscapes && window.includes('\\')) window = window.replace(ESCAPE, '  ');
    for (const r of rule.find(window)) {
      PLACEHOLDER_TAIL.lastIndex = r.end;
      if (isPlaceholder(window.slice(r.start, r.end)) || PLACEHOLDER_TAIL.test(window)) continue;
      ranges.push({ ...r, start: r.start + from, end: r.end + from, ruleId: rule.id, rank: ri });
    }
  };
  if (text.length === 0) return ranges;
  for (const ri of plan.unkeyed) run(ri, 0, text.length);

  const windows: Array<number[] | undefined> = [];
  const n = text.length;
  /** A window that reaches `end` covers a hit before it: whole when it ends a line, else (a very long line cut
   * at MAX_AFTER) only with room left for a token after the hit. */
  const covers = (end: number, hitEnd: number): boolean =>
    hitEnd < end && (end === n || text.charCodeAt(end) === 10 || hitEnd + TOKEN_ROOM < end);
  plan.scanner.scan(text, (at, ki) => {
    let line = -1; // the hit's line, found once per hit and only when a rule needs a new window
    let lineEnd = -1;
    for (const ri of plan.rulesOfKeyword[ki] ?? []) {
      const rule = plan.rules[ri] as TextRule;
      const list = (windows[ri] ??= []);
      const lastEnd = list.length > 0 ? (list[list.length - 1] as number) : -1;
      if (rule.sameLine) {
        if (covers(lastEnd, at)) continue; // the line is in the last window already
        if (line < 0) {
          line = text.lastIndexOf('\n', at - 1) + 1;
          const e = text.indexOf('\n', at);
          lineEnd = e < 0 ? n : e;
        }
        const start = Math.max(line, at - MAX_BEFORE);
        const end = Math.min(lineEnd, at + MAX_AFTER);
        if (list.length > 0 && start <= lastEnd) list[list.length - 1] = end;
        else list.push(start, end);
        continue;
      }
      const reach = rule.reach ?? AFTER;
      if (covers(lastEnd, at + reach)) continue; // inside the last window already
      const start = Math.max(text.lastIndexOf('\n', Math.max(0, at - BEFORE) - 1) + 1, at - MAX_BEFORE);
      const far = Math.min(n, at + reach);
      const e = text.indexOf('\n', far);
      const end = Math.min(e < 0 ? n : e, far + MAX_AFTER);
      if (list.length > 0 && start <= lastEnd + MERGE_GAP) list[list.length - 1] = Math.max(lastEnd, end);
      else list.push(start, end);
    }
  });
  windows.forEach((list, ri) => {
    if (!list) return;
    for (let k = 0; k < list.length; k += 2) run(ri, list[k] as number, list[k + 1] as number);
  });
  return ranges;
}

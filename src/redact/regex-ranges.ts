import type { SecretRange } from './types.js';

// Regex rules name the secret part of a match with a capture group; the `d` flag gives its offsets.

/**
 * Ranges of capture group `group` of every match of `re` (which must have the `g` and `d` flags); `keep`
 * may refuse a match (e.g. a near miss that a regex alone cannot tell apart).
 */
export function groupRanges(
  text: string,
  re: RegExp,
  group: number,
  keep: (m: RegExpMatchArray) => boolean = () => true,
): SecretRange[] {
  const ranges: SecretRange[] = [];
  for (const m of text.matchAll(re)) {
    const at = m.indices?.[group];
    if (!at || at[1] <= at[0] || !keep(m)) continue;
    ranges.push({ start: at[0], end: at[1] });
  }
  return ranges;
}

/** The value inside a quoted token (`"x"` / `'x'` / `\"x\"`), or the bare token, as a range. */
export function unquotedRange(start: number, raw: string): SecretRange | null {
  const q = /^(\\?["'])([\s\S]*)\1$/.exec(raw);
  if (q?.[1] !== undefined && q[2] !== undefined) {
    return q[2].length === 0 ? null : { start: start + q[1].length, end: start + q[1].length + q[2].length };
  }
  return raw.length === 0 ? null : { start, end: start + raw.length };
}

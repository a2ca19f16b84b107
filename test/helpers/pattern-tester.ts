import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { groupRecords } from '../../src/replay/records.js';
import type { LogRecord, Pattern } from '../../src/replay/types.js';

// eslint's RuleTester for the error-pattern catalog: each case is a raw log snippet as bun writes it, grouped
// into records the way replay groups them. A `matches` case must hold exactly one matching record (a snippet is
// one occurrence, so a code frame that repeats the thrower must not count twice); an `ignores` case none.

export interface PatternCases {
  /** Snippets in which exactly one record must match. */
  matches: string[];
  /** Near misses in which no record may match. */
  ignores: string[];
  /** Per match case (by index), the `capture` the pattern must give for the matching record. */
  captures?: Record<number, string>;
}

/** Artifact ids a pattern may name: the two gateway logs (the only logs the scan reads). */
const LOG_IDS: ReadonlySet<string> = new Set([A.gatewayErrLog.id, A.gatewayLog.id]);

/** The records of a snippet, as the first log the pattern is looked for in. */
export function recordsOf(pattern: Pattern, snippet: string): LogRecord[] {
  const lines = snippet.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return groupRecords(pattern.artifacts[0] ?? 'files/gateway.err', lines);
}

/** A short title for a case: its first line, cut. */
const titleOf = (snippet: string): string => {
  const first = snippet.split('\n').find((l) => l.trim() !== '') ?? '(blank)';
  return JSON.stringify(first.length > 70 ? `${first.slice(0, 70)}…` : first);
};

/** Refuses a call that could not fail: no positive case, no near miss, or a case given twice. */
function checkCases(pattern: Pattern, cases: PatternCases): void {
  if (cases.matches.length === 0) throw new Error(`testPattern(${pattern.id}): give at least one \`matches\` case`);
  if (cases.ignores.length === 0) throw new Error(`testPattern(${pattern.id}): give at least one near-miss \`ignores\` case`);
  const seen = new Set<string>();
  for (const c of [...cases.matches, ...cases.ignores]) {
    if (c.trim() === '') throw new Error(`testPattern(${pattern.id}): an empty case tests nothing`);
    if (seen.has(c)) throw new Error(`testPattern(${pattern.id}): duplicate case ${titleOf(c)}`);
    seen.add(c);
  }
}

/** Registers one describe block per pattern: its shape, every match and every near miss. */
export function testPattern(pattern: Pattern, cases: PatternCases): void {
  checkCases(pattern, cases);
  describe(`pattern ${pattern.id}`, () => {
    it('is a well-formed catalog row that names only the gateway logs', () => {
      expect(pattern.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(pattern.label.trim()).not.toBe('');
      expect(pattern.meaning.trim()).not.toBe('');
      expect(pattern.rootCause.trim()).not.toBe('');
      expect(pattern.artifacts.length).toBeGreaterThan(0);
      for (const a of pattern.artifacts) expect(LOG_IDS.has(a), `${a} is not a gateway log id`).toBe(true);
    });
    cases.matches.forEach((snippet, i) => {
      it(`matches exactly one record in ${titleOf(snippet)}`, () => {
        const hits = recordsOf(pattern, snippet).filter((r) => pattern.match(r));
        expect(hits.map((r) => r.head)).toHaveLength(1);
        const want = cases.captures?.[i];
        if (want !== undefined) expect(pattern.capture?.(hits[0]!)).toBe(want);
      });
    });
    cases.ignores.forEach((snippet) => {
      it(`ignores ${titleOf(snippet)}`, () => {
        const hits = recordsOf(pattern, snippet).filter((r) => pattern.match(r));
        expect(hits.map((r) => r.head)).toEqual([]);
      });
    });
  });
}

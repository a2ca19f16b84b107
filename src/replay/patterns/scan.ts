import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import type { LogRecord, Pattern, PatternHit, PatternSeverity } from '../types.js';
import { recordAt } from '../records.js';
import { PATTERNS } from './index.js';

// One pass of the catalog over each log (every record read once, offered to every pattern), shared by the
// error-log layer, the stdout-log layer, scenarios and the report. Counts are per grouped record, not per physical line: the real diagnose counts a prompt failure 2-3
// times when bun's code frame repeats the thrower (facts §6); we count it once.

/** The logs the catalog is scanned over, in report order. */
export const SCANNED_LOGS: readonly string[] = [A.gatewayErrLog.id, A.gatewayLog.id];

/** Line numbers kept per hit: enough to cite, bounded for a 35,000-line gateway.err. */
export const MAX_HIT_LINES = 50;

/** Head text kept per hit, as the real diagnose's `lastLine`. */
export const MAX_HIT_TEXT = 200;

const SEVERITY_RANK: Record<PatternSeverity, number> = { error: 0, warn: 1 };

/** Errors first, then the most frequent, then by id and artifact so the order is stable. */
function byWeight(a: PatternHit, b: PatternHit): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    b.count - a.count ||
    a.id.localeCompare(b.id) ||
    a.artifact.localeCompare(b.artifact)
  );
}

/** A record as the patterns see it in the scan: its head and text decoded at most once, when a pattern first asks. */
export class ScannedRecord implements LogRecord {
  private decodedHead: string | undefined;
  private decoded: string | undefined;
  constructor(private readonly record: LogRecord) {}
  get artifact(): string {
    return this.record.artifact;
  }
  get line(): number {
    return this.record.line;
  }
  get endLine(): number {
    return this.record.endLine;
  }
  get head(): string {
    this.decodedHead ??= this.record.head;
    return this.decodedHead;
  }
  get text(): string {
    this.decoded ??= this.record.text;
    return this.decoded;
  }
}

/** Every pattern's matches in one log: the first line of each matching record (numbers: a busy log has ~100,000). */
interface LogMatches {
  artifact: string;
  records: readonly LogRecord[];
  matched: Array<{ pattern: Pattern; lines: number[] }>;
}

/** Every pattern over one log in one pass: each record is read once and offered to every pattern in turn. */
function matchLog(patterns: readonly Pattern[], artifact: string, records: readonly LogRecord[]): LogMatches {
  const mine = patterns.filter((p) => p.artifacts.includes(artifact));
  const lines: number[][] = mine.map(() => []);
  for (const record of records) {
    const seen = new ScannedRecord(record);
    mine.forEach((pattern, k) => {
      if (pattern.match(seen)) lines[k]!.push(record.line);
    });
  }
  return { artifact, records, matched: mine.map((pattern, k) => ({ pattern, lines: lines[k]! })) };
}

/** The hit of one pattern from the first lines of its matching records, or null when nothing matched. */
function hitOf(pattern: Pattern, m: LogMatches, lines: readonly number[]): PatternHit | null {
  const lastLine = lines[lines.length - 1];
  const last = lastLine === undefined ? undefined : recordAt(m.records, lastLine);
  if (!last) return null;
  const capture = pattern.capture?.(last);
  return {
    id: pattern.id,
    label: pattern.label,
    severity: pattern.severity,
    count: lines.length,
    artifact: m.artifact,
    lastLine: last.line,
    lastText: last.head.slice(0, MAX_HIT_TEXT),
    // The newest matches matter most in a tail, so the cap keeps the last ones.
    lines: lines.slice(-MAX_HIT_LINES),
    ...(capture === undefined ? {} : { capture }),
  };
}

/** The hits of a log's matches, over the records whose first line passes `keep` (all when none is given). */
const hitsOf = (m: LogMatches, keep?: (line: number) => boolean): PatternHit[] =>
  m.matched.flatMap(({ pattern, lines }) => hitOf(pattern, m, keep ? lines.filter(keep) : lines) ?? []);

/** The catalog over some records of one log, sorted by weight. */
export function scanRecords(artifact: string, records: readonly LogRecord[], patterns: readonly Pattern[] = PATTERNS): PatternHit[] {
  return hitsOf(matchLog(patterns, artifact, records)).sort(byWeight);
}

/** The default catalog's matches in one log, found once and shared; undefined when the log was not collected. */
const logMatches = (ctx: ReplayContext, artifact: string): LogMatches | undefined =>
  ctx.memo(`pattern-matches:${artifact}`, () => {
    const records = ctx.records(artifact);
    return records ? matchLog(PATTERNS, artifact, records) : undefined;
  });

/** The default catalog's hits in one log (none when it was not collected: its layer says why). */
function logHits(ctx: ReplayContext, artifact: string, keep?: (line: number) => boolean): PatternHit[] {
  const m = logMatches(ctx, artifact);
  return m ? hitsOf(m, keep) : [];
}

/** Every (pattern, log) pair with at least one matching record, sorted by severity then count. */
export function scanPatterns(ctx: ReplayContext, patterns: readonly Pattern[] = PATTERNS): PatternHit[] {
  // Only the default catalog is shared through the memo; a custom list (tests) is computed fresh.
  if (patterns !== PATTERNS) return SCANNED_LOGS.flatMap((a) => scanRecords(a, ctx.records(a) ?? [], patterns)).sort(byWeight);
  return ctx.memo('patterns', () => SCANNED_LOGS.flatMap((a) => logHits(ctx, a)).sort(byWeight));
}

/** The first line of every record of one log that a catalog row matched, in order (none when not collected). */
export function matchedLines(ctx: ReplayContext, artifact: string, patternId: string): readonly number[] {
  return logMatches(ctx, artifact)?.matched.find((m) => m.pattern.id === patternId)?.lines ?? [];
}

/**
 * The default catalog over the records of one log whose first line passes `keep` (e.g. those after the last
 * restart), sorted by weight: read from the one scan of that log, not a second pass over its records.
 */
export function scanPatternsWhere(ctx: ReplayContext, artifact: string, keep: (line: number) => boolean): PatternHit[] {
  return logHits(ctx, artifact, keep).sort(byWeight);
}

/** Matching records per pattern id, summed over the logs (or for one log), for summaries and scenarios. */
export function patternCounts(ctx: ReplayContext, artifact?: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const hit of scanPatterns(ctx)) {
    if (artifact !== undefined && hit.artifact !== artifact) continue;
    counts[hit.id] = (counts[hit.id] ?? 0) + hit.count;
  }
  return counts;
}

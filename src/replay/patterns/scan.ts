import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import type { LogRecord, Pattern, PatternHit, PatternSeverity } from '../types.js';
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

/** A record as the patterns see it in the scan: its text decoded at most once, when a pattern first asks. */
class ScannedRecord implements LogRecord {
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
    return this.record.head;
  }
  get text(): string {
    this.decoded ??= this.record.text;
    return this.decoded;
  }
}

/** The hit of one pattern from its matching records, or null when nothing matched. */
function hitOf(pattern: Pattern, artifact: string, matched: readonly LogRecord[]): PatternHit | null {
  const last = matched[matched.length - 1];
  if (!last) return null;
  const capture = pattern.capture?.(last);
  return {
    id: pattern.id,
    label: pattern.label,
    severity: pattern.severity,
    count: matched.length,
    artifact,
    lastLine: last.line,
    lastText: last.head.slice(0, MAX_HIT_TEXT),
    // The newest matches matter most in a tail, so the cap keeps the last ones.
    lines: matched.slice(-MAX_HIT_LINES).map((r) => r.line),
    ...(capture === undefined ? {} : { capture }),
  };
}

/** Every pattern over one log in one pass: each record is read once and offered to every pattern in turn. */
function scanLog(patterns: readonly Pattern[], artifact: string, records: readonly LogRecord[]): PatternHit[] {
  const mine = patterns.filter((p) => p.artifacts.includes(artifact));
  const matched: LogRecord[][] = mine.map(() => []);
  for (const record of records) {
    const seen = new ScannedRecord(record);
    mine.forEach((pattern, k) => {
      if (pattern.match(seen)) matched[k]!.push(record);
    });
  }
  return mine.flatMap((pattern, k) => hitOf(pattern, artifact, matched[k]!) ?? []);
}

/** The catalog over some records of one log (e.g. only those after the last restart), sorted by weight. */
export function scanRecords(artifact: string, records: readonly LogRecord[], patterns: readonly Pattern[] = PATTERNS): PatternHit[] {
  return scanLog(patterns, artifact, records).sort(byWeight);
}

/** Every (pattern, log) pair with at least one matching record, sorted by severity then count. */
export function scanPatterns(ctx: ReplayContext, patterns: readonly Pattern[] = PATTERNS): PatternHit[] {
  const compute = (): PatternHit[] => {
    const hits: PatternHit[] = [];
    for (const artifact of SCANNED_LOGS) {
      const records = ctx.records(artifact);
      if (!records) continue; // the log was not collected: its layer says why
      hits.push(...scanLog(patterns, artifact, records));
    }
    return hits.sort(byWeight);
  };
  // Only the default catalog is shared through the memo; a custom list (tests) is computed fresh.
  return patterns === PATTERNS ? ctx.memo('patterns', compute) : compute();
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

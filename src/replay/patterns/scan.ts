import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import type { LogRecord, Pattern, PatternHit, PatternSeverity } from '../types.js';
import { PATTERNS } from './index.js';

// One pass of the catalog over both logs, shared by the error-log layer, the stdout-log layer, scenarios and the
// report. Counts are per grouped record, not per physical line: the real diagnose counts a prompt failure 2-3
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

/** The hit of one pattern over one log's records, or null when nothing matched. */
function scanOne(pattern: Pattern, artifact: string, records: readonly LogRecord[]): PatternHit | null {
  const matched = records.filter((r) => pattern.match(r));
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

/** The catalog over some records of one log (e.g. only those after the last restart), sorted by weight. */
export function scanRecords(artifact: string, records: readonly LogRecord[], patterns: readonly Pattern[] = PATTERNS): PatternHit[] {
  const hits: PatternHit[] = [];
  for (const pattern of patterns) {
    if (!pattern.artifacts.includes(artifact)) continue;
    const hit = scanOne(pattern, artifact, records);
    if (hit) hits.push(hit);
  }
  return hits.sort(byWeight);
}

/** Every (pattern, log) pair with at least one matching record, sorted by severity then count. */
export function scanPatterns(ctx: ReplayContext, patterns: readonly Pattern[] = PATTERNS): PatternHit[] {
  const compute = (): PatternHit[] => {
    const hits: PatternHit[] = [];
    for (const artifact of SCANNED_LOGS) {
      const records = ctx.records(artifact);
      if (!records) continue; // the log was not collected: its layer says why
      hits.push(...scanRecords(artifact, records, patterns));
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

import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { errHistory } from '../err-history.js';
import { errLogHits } from '../layers/error-log.js';
import { LAYERS } from '../layers/index.js';
import { recordAt } from '../records.js';
import { type OtelEvent, otelEvents } from '../parse/otel.js';
import { scanPatterns } from '../patterns/scan.js';
import type { Evidence, LayerId, LayerResult, PatternHit } from '../types.js';

// Readers every scenario shares: pattern hits and OTEL events by name, turned into evidence that cites a line,
// so each scenario file states only its rule. Scenarios reuse the layers' parsers, never re-read artifacts.

/** Lines cited per pattern hit: the newest few are enough to find the rest with `gwbundle show`. */
export const LINES_PER_HIT = 3;

/**
 * The hits scenarios judge: both logs, except gateway.err's records from before the last restart (err-history.ts),
 * which count only while they are the incident the watchdog just recovered from. A storm that two restarts and a
 * healthy day have put behind the running daemon is history, not a scenario (history-before-restart says so).
 */
export function scenarioHits(ctx: ReplayContext): PatternHit[] {
  return ctx.memo('scenarioHits', () => {
    const h = errHistory(ctx);
    if (!h || h.recentWatchdogRecovery) return scanPatterns(ctx);
    return [...scanPatterns(ctx).filter((x) => x.artifact !== A.gatewayErrLog.id), ...errLogHits(ctx).current];
  });
}

// Why: a scenario asks "did pattern X match anywhere", summed over both logs.
export function hitsOf(ctx: ReplayContext, ...ids: string[]): PatternHit[] {
  return scenarioHits(ctx).filter((h) => ids.includes(h.id));
}

/** Records matched by these patterns, over both logs. */
export const countOf = (hits: readonly PatternHit[]): number => hits.reduce((n, h) => n + h.count, 0);

// Why: evidence of a hit is its newest matching records, the last one with its text as the excerpt.
export function hitEvidence(hits: readonly PatternHit[], perHit = LINES_PER_HIT): Evidence[] {
  return hits.flatMap((h) => {
    const lines = h.lines.slice(-perHit);
    return lines.map((line) => (line === h.lastLine ? { artifact: h.artifact, line, excerpt: `${h.lastText} (×${h.count})` } : { artifact: h.artifact, line }));
  });
}

// Why: OTEL events by action name (the procedure's vocabulary, facts §5).
export function otelOf(ctx: ReplayContext, ...actions: string[]): OtelEvent[] {
  return otelEvents(ctx).filter((e) => actions.includes(e.action));
}

// Why: an OTEL event cites the search artifact that returned it, at the event's line.
export function otelEvidence(events: readonly OtelEvent[], max = LINES_PER_HIT): Evidence[] {
  return events.slice(-max).map((e) => ({
    artifact: e.artifact,
    ...(e.line === undefined ? {} : { line: e.line }),
    excerpt: `${e.ts} ${e.component} ${e.action}${e.error ? `: ${e.error.slice(0, 160)}` : ''}`,
  }));
}

export { lineEvidence } from '../line-evidence.js';

// Why: the layer result replay computed, or (tests, partial callers) the layer run on the spot.
export function layerOf(ctx: ReplayContext, layers: readonly LayerResult[], id: LayerId): LayerResult | undefined {
  const given = layers.find((l) => l.id === id);
  if (given) return given;
  const layer = LAYERS.find((l) => l.id === id);
  return layer ? ctx.memo(`scenario:layer:${id}`, () => layer.run(ctx)) : undefined;
}

/** Drops the nulls of optional evidence. */
export const present = (items: ReadonlyArray<Evidence | null | undefined>): Evidence[] => items.filter((e): e is Evidence => !!e);

/** A match: the evidence when there is any, else null (a scenario never fires without evidence). */
export const fired = (items: ReadonlyArray<Evidence | null | undefined>): Evidence[] | null => {
  const e = present(items);
  return e.length > 0 ? e : null;
};

// Why: a hit cites a record's first line; some scenarios need a value from the whole record (bun's error frame).
export function recordTextAt(ctx: ReplayContext, artifact: string, line: number): string {
  return recordAt(ctx.records(artifact) ?? [], line)?.text ?? '';
}

// Session pressure exactly as the daemon computes it (joelclaw-gateway-facts §8.4, session-pressure.ts:82-122),
// recomputed offline from the transcript: usage% of the context window, hours since the session started and
// minutes since the newest compaction. Thresholds use >= for usage and strict > for the time limits, as the daemon.

import type { ContextWindow, ContextWindowSource } from '../context-window.js';

const HOUR_MS = 3_600_000;

/** The daemon's constants (daemon.ts:1243-1246, 2349-2352). */
export const PRESSURE_LIMITS = {
  compactPercent: 65,
  rotatePercent: 75,
  maxCompactionGapMs: 4 * HOUR_MS,
  maxSessionAgeMs: 8 * HOUR_MS,
} as const;

export type PressureReason = 'context_ceiling' | 'context_usage' | 'compaction_gap' | 'session_age';
export type PressureHealth = 'ok' | 'elevated' | 'critical';

export interface PressureInput {
  contextTokens: number | null;
  /** The model in force (after the last model_change) and the window the daemon divides by for it. */
  model: string | null;
  window: Pick<ContextWindow, 'window' | 'source' | 'why'>;
  sessionStartMs: number | null;
  lastCompactionMs: number | null;
  nowMs: number;
}

/** The recomputed pressure; null fields are unknown offline, and `notes` say why. */
export interface SessionPressure {
  contextTokens: number | null;
  contextWindow: number;
  /** Where the window came from (/health, models.json, pi-ai's registry, or the daemon's default), and why. */
  windowSource: ContextWindowSource;
  windowWhy: string;
  usagePercent: number | null;
  sessionAgeHours: number | null;
  lastCompactionAgeMinutes: number | null;
  reasons: PressureReason[];
  nextAction: 'rotate' | 'compact' | 'observe' | null;
  health: PressureHealth | null;
  nextThresholdSummary: string | null;
  notes: string[];
}

const SUMMARY: Record<PressureHealth, string> = {
  critical: 'rotate immediately',
  elevated: 'rotate at 75% context or 8h session age',
  ok: 'compact at 65% context or 4h since last compaction',
};

// Why: the session layer degrades on critical pressure and the summary shows it, from the same numbers.
export function sessionPressure(input: PressureInput): SessionPressure {
  const { window, source, why } = input.window;
  const notes: string[] = [`context window ${window}: ${why}`];
  const usage = input.contextTokens === null ? null : Math.round((input.contextTokens / window) * 100);
  if (usage === null) notes.push('no assistant usage in the window: context usage unknown');
  const ageMs = input.sessionStartMs === null ? null : input.nowMs - input.sessionStartMs;
  const gapMs = input.lastCompactionMs === null ? null : input.nowMs - input.lastCompactionMs;
  if (gapMs === null) notes.push('no compaction entry in the window: the daemon counts the gap from its start time, unknown offline');

  const reasons: PressureReason[] = [];
  if (usage !== null && usage >= PRESSURE_LIMITS.rotatePercent) reasons.push('context_ceiling');
  else if (usage !== null && usage >= PRESSURE_LIMITS.compactPercent) reasons.push('context_usage');
  if (gapMs !== null && gapMs > PRESSURE_LIMITS.maxCompactionGapMs) reasons.push('compaction_gap');
  if (ageMs !== null && ageMs > PRESSURE_LIMITS.maxSessionAgeMs) reasons.push('session_age');

  // Nothing known at all: no honest verdict on pressure.
  const known = usage !== null || ageMs !== null || gapMs !== null;
  let nextAction: SessionPressure['nextAction'] = null;
  if (known) {
    if (reasons.includes('context_ceiling') || reasons.includes('session_age')) nextAction = 'rotate';
    else if (reasons.includes('context_usage') || reasons.includes('compaction_gap')) nextAction = 'compact';
    else nextAction = 'observe';
  }
  const health: PressureHealth | null =
    nextAction === null ? null : nextAction === 'rotate' ? 'critical' : nextAction === 'compact' ? 'elevated' : 'ok';
  return {
    contextTokens: input.contextTokens,
    contextWindow: window,
    windowSource: source,
    windowWhy: why,
    usagePercent: usage,
    sessionAgeHours: ageMs === null ? null : ageMs / HOUR_MS,
    lastCompactionAgeMinutes: gapMs === null ? null : gapMs / 60_000,
    reasons,
    nextAction,
    health,
    nextThresholdSummary: health === null ? null : SUMMARY[health],
    notes,
  };
}

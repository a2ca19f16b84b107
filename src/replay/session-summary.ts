import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { parseSession } from './parse/session.js';
import type { SessionSummary } from './types.js';

// The report's session section: what the session layer rebuilt from the transcript, as plain numbers and
// the last few exchanges (channel preamble already stripped by the parser), so a reader sees what the
// gateway was talking about when it broke.

/** How many user/assistant messages the last exchange shows, and how long each preview is. */
const LAST_EXCHANGE = 6;
const PREVIEW_CHARS = 160;
/** Unanswered prompts listed by time (the newest kept): enough to draw, not a second transcript. */
const UNANSWERED_MAX = 20;

const preview = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
};

const round = (n: number | null, digits: number): number | null => (n === null ? null : Number(n.toFixed(digits)));

// Why: the Markdown and JSON reports show the session beside the layers; null when there is no transcript.
export function sessionSummary(ctx: ReplayContext): SessionSummary | null {
  const s = parseSession(ctx);
  if (!s || (s.header === null && s.entries === 0)) return null;
  const p = s.pressure;
  const h = s.hanging;
  return {
    sessionId: s.header?.id ?? ctx.text(A.sessionIdFile.id)?.trim() ?? null,
    file: ctx.entry(A.sessionTranscript.id)?.source.path ?? null,
    entries: s.entries,
    turns: s.turns.length,
    userPrompts: s.turns.filter((t) => t.prompt).length,
    unanswered: s.turns.filter((t) => t.prompt && t.completion === null).length,
    errors: s.errors.filter((e) => e.kind === 'assistant').length,
    toolErrors: s.errors.filter((e) => e.kind === 'tool').length,
    modelChanges: s.modelChanges.map((m) => ({ at: m.at, model: m.model })),
    compactions: s.compactions.length,
    currentModel: s.currentModel,
    contextTokens: p.contextTokens,
    contextWindow: p.contextWindow,
    contextWindowWhy: p.windowWhy,
    usagePercent: p.usagePercent,
    sessionAgeHours: round(p.sessionAgeHours, 2),
    lastCompactionAgeMinutes: round(p.lastCompactionAgeMinutes, 1),
    pressure: p.health,
    lastExchange: s.messages
      .filter((m) => m.role !== 'toolResult' && m.text.trim() !== '')
      .slice(-LAST_EXCHANGE)
      .map((m) => ({ at: m.at, role: m.role, preview: preview(m.text) })),
    hangingTurn: h ? { since: h.since, kind: h.kind, ageMinutes: Math.floor(h.ageMs / 60_000) } : null,
    unansweredTurns: s.turns.filter((t) => t.prompt && t.completion === null).slice(-UNANSWERED_MAX).map((t) => ({ at: t.at, line: t.line })),
  };
}

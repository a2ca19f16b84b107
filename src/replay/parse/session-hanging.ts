import type { PromptSource } from './prompt-source.js';
import type { SessionMessage } from './session-message.js';

// The turn left unfinished when the bundle was captured (joelclaw-gateway-facts §4: "a trailing user message
// or toolCall with no later entry suggests a stuck turn"), aged against the capture time and the watchdog's
// stuck thresholds (§8.3), so the layer can tell a turn in progress from a stuck one.

/** Assistant stop reasons that end a prompt's turn (facts §4). */
export const TERMINAL_STOPS: ReadonlySet<string> = new Set(['stop', 'length', 'error', 'aborted']);

/** Stuck thresholds of the watchdog (facts §8.3): 3 min for human channels, 10 min otherwise. */
export const STUCK_MS = { human: 3 * 60_000, internal: 10 * 60_000 } as const;

export interface SessionHangingTurn {
  kind: 'prompt' | 'tool';
  line: number;
  since: string;
  ageMs: number;
  human: boolean;
  thresholdMs: number;
  toolName: string | null;
  /** What the turn waits for, in words. */
  waitingOn: string;
  /** The prompt's channel, and where it was read when the prompt text has no preamble. */
  channel: string | null;
  source: PromptSource | null;
}

// Why: the session layer fails on a turn stuck past the watchdog's threshold: a trailing prompt, a tool call
// with no result, or a model still owing a reply after its tool results.
export function hangingTurn(
  messages: readonly SessionMessage[],
  turn: { ms: number; human: boolean; channel: string | null; source: PromptSource | null } | null,
  pendingCalls: ReadonlyMap<string, { name: string; line: number; ms: number; at: string }>,
  nowMs: number,
): SessionHangingTurn | null {
  const last = messages[messages.length - 1];
  if (!last || !turn) return null;
  if (last.role === 'assistant' && TERMINAL_STOPS.has(last.stopReason ?? '')) return null;
  const human = turn.human;
  const thresholdMs = human ? STUCK_MS.human : STUCK_MS.internal;
  const pending = [...pendingCalls.values()].filter((c) => c.ms >= turn.ms).sort((a, b) => a.ms - b.ms)[0];
  if (pending && last.role !== 'user') {
    return { kind: 'tool', line: pending.line, since: pending.at, ageMs: nowMs - pending.ms, human, thresholdMs, toolName: pending.name, waitingOn: `tool ${pending.name}`, channel: turn.channel, source: turn.source };
  }
  const waitingOn =
    last.role === 'user' ? 'unanswered prompt' : last.role === 'toolResult' ? 'the model, after a tool result' : 'the model, after a non-final assistant message';
  return { kind: 'prompt', line: last.line, since: last.at, ageMs: nowMs - last.ms, human, thresholdMs, toolName: null, waitingOn, channel: turn.channel, source: turn.source };
}

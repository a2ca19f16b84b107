import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { contextWindow } from '../context-window.js';
import { type SessionPressure, sessionPressure } from './session-pressure.js';
import { type SessionHangingTurn, STUCK_MS, TERMINAL_STOPS as TERMINAL, hangingTurn } from './session-hanging.js';
import { type SessionMessage, isHumanChannel, messageText, rawText } from './session-message.js';
import { channelOfSource, type PromptSource, promptSources } from './prompt-source.js';

export { STUCK_MS, type SessionHangingTurn };

// Rebuilds prompt-level turns from the pi session JSONL v3 (joelclaw-gateway-facts §4): the file has no
// turn_start/turn_end/error lines, so a turn is a user prompt plus the assistant messages and tool results
// that follow it, completed by an assistant whose stopReason is terminal. Line numbers are 1-based lines of
// the artifact, so every finding can cite `gwbundle show BUNDLE files/session.jsonl`.

const ERROR_STOPS = new Set(['error', 'aborted']);

export interface SessionTurn {
  /** Line of the user prompt; for a turn cut by the window (no prompt kept), its first assistant line. */
  line: number;
  at: string;
  ms: number;
  prompt: boolean;
  channel: string | null;
  human: boolean;
  /** The gateway source (`slack:C0123:…`) when the preamble does not name the channel and the bundle does. */
  source: PromptSource | null;
  completion: { line: number; at: string; ms: number; stopReason: string } | null;
  lastStopReason: string | null;
  assistants: number;
  toolResults: number;
}

export interface SessionError {
  line: number;
  at: string;
  kind: 'assistant' | 'tool';
  text: string;
}

export interface ParsedSession {
  header: { id: string | null; line: number; at: string | null } | null;
  entries: number;
  /** Lines that were not JSON (ctx.jsonlErrors) plus JSON lines that are not entries. */
  badLines: number;
  turns: SessionTurn[];
  messages: SessionMessage[];
  errors: SessionError[];
  /** Terminal assistant stops that were error/aborted, counted back from the newest terminal stop. */
  trailingErrors: number;
  modelChanges: Array<{ line: number; at: string; model: string; via: 'model_change' | 'assistant' }>;
  currentModel: string | null;
  compactions: Array<{ line: number; at: string; tokensBefore: number | null }>;
  rotations: Array<{ line: number; at: string }>;
  usage: { tokens: number; line: number; model: string | null } | null;
  hanging: SessionHangingTurn | null;
  gaps: Array<{ line: number; endLine: number; at: string; ms: number; thresholdMs: number; human: boolean }>;
  pressure: SessionPressure;
  /** First non-header entry, and whether it is the session's real first entry (parentId null). */
  firstEntry: { line: number; ms: number; isSessionStart: boolean } | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Obj, k: string): string | null => (typeof o[k] === 'string' ? (o[k] as string) : null);
const num = (o: Obj, k: string): number | null => (typeof o[k] === 'number' && Number.isFinite(o[k]) ? (o[k] as number) : null);

/** Entry time: the ISO `timestamp`, else the message's epoch ms. */
function entryMs(e: Obj): number | null {
  const iso = str(e, 'timestamp');
  const t = iso ? Date.parse(iso) : Number.NaN;
  if (!Number.isNaN(t)) return t;
  return isObj(e.message) ? num(e.message, 'timestamp') : null;
}

/** Context tokens as pi counts them: totalTokens, or the sum of the parts when it is 0 (compaction.ts:128-155). */
function usageTokens(u: unknown): number | null {
  if (!isObj(u)) return null;
  const total = num(u, 'totalTokens');
  if (total) return total;
  const parts = ['input', 'output', 'cacheRead', 'cacheWrite'].map((k) => num(u, k) ?? 0);
  const sum = parts.reduce((a, b) => a + b, 0);
  return sum > 0 ? sum : null;
}

/**
 * The text as a string of its own. A message's text is a slice of its content (the preamble cut off), and V8
 * keeps a slice's whole parent alive: the prompts' full texts were ~8 MB of heap in a full window.
 */
const ownCopy = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

// Why: the session layer, the session summary and the timeline read one memoized rebuild of the transcript.
export function parseSession(ctx: ReplayContext): ParsedSession | null {
  return ctx.memo('parse:session', () => (ctx.absence(A.sessionTranscript.id) === null ? rebuild(ctx) : null));
}

function rebuild(ctx: ReplayContext): ParsedSession {
  const id = A.sessionTranscript.id;
  const s: Omit<ParsedSession, 'pressure' | 'hanging'> = {
    header: null, entries: 0, badLines: 0, turns: [], messages: [], errors: [], trailingErrors: 0,
    modelChanges: [], currentModel: null, compactions: [], rotations: [], usage: null, gaps: [], firstEntry: null,
  };
  let turn: SessionTurn | null = null;
  let lastCompactionMs: number | null = null;
  const pendingCalls = new Map<string, { name: string; line: number; ms: number; at: string }>();
  // why: only a prompt without a channel preamble needs its text as pi received it (to find its source in the
  // durable store); prompt texts are ~4 MB of a full window, so the others are not kept
  const bareText = new Map<SessionTurn, string>();
  const newTurn = (line: number, at: string, ms: number, prompt: boolean, channel: string | null): SessionTurn => {
    const t: SessionTurn = { line, at, ms, prompt, channel, human: isHumanChannel(channel), source: null, completion: null, lastStopReason: null, assistants: 0, toolResults: 0 };
    s.turns.push(t);
    return t;
  };
  const setModel = (line: number, at: string, model: string, via: 'model_change' | 'assistant') => {
    if (via === 'model_change' || (s.currentModel !== null && s.currentModel !== model)) s.modelChanges.push({ line, at, model, via });
    s.currentModel = model;
  };

  // why: one pass over the transcript (up to 32 MiB of JSONL), each line parsed once
  ctx.eachJsonl(id, ({ line, value }) => {
    if (!isObj(value) || typeof value.type !== 'string') { s.badLines++; return; }
    if (value.type === 'session') { s.header = { id: str(value, 'id'), line, at: str(value, 'timestamp') }; return; }
    const ms = entryMs(value);
    if (ms === null) { s.badLines++; return; }
    const at = new Date(ms).toISOString();
    s.entries++;
    s.firstEntry ??= { line, ms, isSessionStart: value.parentId === null };
    if (value.type === 'model_change') {
      const model = [str(value, 'provider'), str(value, 'modelId')].filter(Boolean).join('/');
      if (model) setModel(line, at, model, 'model_change');
    } else if (value.type === 'compaction') {
      s.compactions.push({ line, at, tokensBefore: num(value, 'tokensBefore') });
      lastCompactionMs = ms;
    } else if (value.type === 'custom_message' && str(value, 'customType') === 'gateway-session-rotation-summary') {
      s.rotations.push({ line, at });
    } else if (value.type === 'turn_end' || value.type === 'error') {
      // Old SKILL-era shapes (never written by pi v3, facts §4): an `error` line ends the turn in error.
      turn ??= newTurn(line, at, ms, false, null);
      const stop = value.type === 'error' ? 'error' : 'stop';
      turn.lastStopReason = stop;
      turn.completion ??= { line, at, ms, stopReason: stop };
      s.messages.push({ line, at, ms, role: 'assistant', text: value.type === 'error' ? `[error] ${str(value, 'error') ?? str(value, 'message') ?? ''}`.trim() : '', stopReason: stop });
      s.trailingErrors = stop === 'error' ? s.trailingErrors + 1 : 0;
      if (stop === 'error') s.errors.push({ line, at, kind: 'assistant', text: str(value, 'error') ?? str(value, 'message') ?? 'error entry' });
    }
    if (value.type !== 'message' || !isObj(value.message)) return;
    const m = value.message;
    const role = str(m, 'role');
    if (role === 'user') {
      const text = messageText(m.content);
      s.messages.push({ line, at, ms, role, text: ownCopy(text.body), stopReason: null });
      turn = newTurn(line, at, ms, true, text.channel);
      if (text.channel === null) bareText.set(turn, rawText(m.content));
    } else if (role === 'assistant') {
      turn ??= newTurn(line, at, ms, false, null);
      turn.assistants++;
      const stop = str(m, 'stopReason');
      const model = [str(m, 'provider'), str(m, 'model')].filter(Boolean).join('/');
      if (model) setModel(line, at, model, 'assistant');
      const tokens = usageTokens(m.usage);
      if (tokens !== null && !ERROR_STOPS.has(stop ?? '')) s.usage = { tokens, line, model: model || s.currentModel };
      const calls = Array.isArray(m.content) ? m.content.filter((c): c is Obj => isObj(c) && c.type === 'toolCall') : [];
      for (const c of calls) pendingCalls.set(str(c, 'id') ?? `line${line}`, { name: str(c, 'name') ?? 'unknown', line, ms, at });
      const text = messageText(m.content);
      const errorMessage = str(m, 'errorMessage');
      s.messages.push({ line, at, ms, role, text: ERROR_STOPS.has(stop ?? '') ? `[${stop}] ${errorMessage ?? ''}`.trim() : ownCopy(text.body), stopReason: stop });
      if (stop && TERMINAL.has(stop)) {
        turn.lastStopReason = stop;
        turn.completion ??= { line, at, ms, stopReason: stop };
        s.trailingErrors = ERROR_STOPS.has(stop) ? s.trailingErrors + 1 : 0;
        if (ERROR_STOPS.has(stop)) s.errors.push({ line, at, kind: 'assistant', text: errorMessage ?? `stopReason ${stop}` });
      }
    } else if (role === 'toolResult') {
      turn ??= newTurn(line, at, ms, false, null);
      turn.toolResults++;
      const toolName = str(m, 'toolName') ?? 'unknown';
      pendingCalls.delete(str(m, 'toolCallId') ?? '');
      // why: nothing shows a tool's output (its errors go to `errors`), and tool results are most of a
      // transcript's text (15.7 of 17 MB in a 32 MiB window): keeping them would hold the window in memory
      s.messages.push({ line, at, ms, role, text: '', stopReason: null });
      if (m.isError === true) s.errors.push({ line, at, kind: 'tool', text: `${toolName}: ${messageText(m.content).body.slice(0, 200)}` });
    }
  });
  s.badLines += ctx.jsonlErrors(id);

  // A prompt without a channel preamble (Slack, internal sources) takes its channel from what the bundle
  // recorded of its source, so a hung Slack turn gets the human threshold the watchdog gives it.
  const lastPrompt = s.turns.filter((t) => t.prompt).at(-1);
  const bare = s.turns.filter((t) => t.prompt && t.channel === null);
  promptSources(ctx, bare.map((t) => ({ text: bareText.get(t) ?? '', ms: t.ms, last: t === lastPrompt && t.completion === null }))).forEach((source, i) => {
    const t = bare[i]!;
    t.source = source;
    if (source) {
      t.channel = channelOfSource(source.source);
      t.human = isHumanChannel(t.channel);
    }
  });

  for (const t of s.turns) {
    if (!t.prompt || !t.completion) continue;
    const thresholdMs = t.human ? STUCK_MS.human : STUCK_MS.internal;
    const gap = t.completion.ms - t.ms;
    if (gap > thresholdMs) s.gaps.push({ line: t.line, endLine: t.completion.line, at: t.at, ms: gap, thresholdMs, human: t.human });
  }

  const nowMs = ctx.now.getTime();
  const headerMs = s.header?.at ? Date.parse(s.header.at) : Number.NaN;
  // The window may cut the session's first entries; then the header's time is the closest we have.
  const sessionStartMs = s.firstEntry?.isSessionStart || Number.isNaN(headerMs) ? (s.firstEntry?.ms ?? null) : headerMs;
  // The window is the model in force at capture (the last model_change or assistant model), not the one
  // that produced the last usage: a switch to gpt-5.4 after 150k tokens of a 1M model divides by 272k.
  const window = contextWindow(ctx, s.currentModel);
  const pressure = sessionPressure({ contextTokens: s.usage?.tokens ?? null, model: s.currentModel, window, sessionStartMs, lastCompactionMs, nowMs });
  if (s.firstEntry && !s.firstEntry.isSessionStart) {
    pressure.notes.push(Number.isNaN(headerMs) ? 'the session\'s first entries were cut: age counted from the first kept entry' : 'the session\'s first entries were cut: age counted from the session header');
  }
  return { ...s, pressure, hanging: hangingTurn(s.messages, turn, pendingCalls, nowMs) };
}

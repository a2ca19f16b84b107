import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { AssistantMessage, ToolResultMessage, Usage, UserMessage } from '../../../../node_modules/@mariozechner/pi-ai/dist/types.js';
import { calculateCost, getModel, SessionManager, seededUuid, withPiClock } from './pi.js';
import { channelPreamble } from './channel-context.js';

// The pi session transcript (facts §4), written by pi's own SessionManager (pi-coding-agent 0.70.2, the
// gateway's pin) with its clock pinned to the preset's instants: the v3 header, entries with 8-hex ids
// chained by parentId, messages the way AgentSession appends them on message_end (agent-session.js:300-311),
// model_change on setModel, compaction as AgentSession records it, and pi's lazy write: nothing reaches the
// disk until the first assistant message (session-manager.js `_persist`). Builders take ISO instants.

/** An entry before the session manager appends it: its type, the instant it is appended, its fields. */
export type SessionEntryInput = { type: string; timestamp: string } & Record<string, unknown>;

/** Model identities the gateway runs (config model gpt-5.6-sol on openai-codex; fallback gpt-5.4). */
export const PRIMARY = { provider: 'openai-codex', model: 'gpt-5.6-sol', api: 'openai-codex-responses' } as const;
export const FALLBACK = { provider: 'openai-codex', model: 'gpt-5.4', api: 'openai-codex-responses' } as const;

/** The 8-hex id pi gives the entry at `index` (0 = first entry after the header) of a session written here. */
export const entryId = (sessionId: string, index: number): string => seededUuid(sessionId, index).slice(0, 8);

/**
 * pi's usage for a turn whose context holds `totalTokens`, split the way the openai-codex provider reports
 * it (openai-responses-shared.js:419-428: cached input is cacheRead, input excludes it), priced by pi-ai.
 */
export function usage(totalTokens: number, model: { provider: string; model: string } = PRIMARY): Usage {
  const cacheRead = Math.round(totalTokens * 0.9);
  const output = Math.min(180, totalTokens);
  const u: Usage = {
    input: totalTokens - cacheRead - output,
    output,
    cacheRead,
    cacheWrite: 0,
    totalTokens,
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 },
  };
  const known = getModel(model.provider as never, model.model as never) as Parameters<typeof calculateCost>[0] | undefined;
  if (known) calculateCost(known, u);
  return u;
}

/**
 * A user prompt as the gateway hands it to pi: injectChannelContext's preamble for telegram, discord,
 * imessage and cli sources, and none for slack or internal sources (formatting/index.ts:43-97).
 */
export function userMessage(text: string, at: string, o: { channel?: string; source?: string } = {}): SessionEntryInput {
  const source = o.source ?? `${o.channel ?? 'telegram'}:8675309`;
  const message: UserMessage = { role: 'user', content: [{ type: 'text', text: `${channelPreamble(source, at)}${text}` }], timestamp: Date.parse(at) };
  return { type: 'message', timestamp: at, message };
}

type AssistantOpts = {
  totalTokens?: number;
  stopReason?: AssistantMessage['stopReason'];
  errorMessage?: string;
  model?: { provider: string; model: string; api: string };
};

function assistant(content: AssistantMessage['content'], at: string, o: AssistantOpts, defaultStop: AssistantMessage['stopReason']): SessionEntryInput {
  const m = o.model ?? PRIMARY;
  const started = Date.parse(at) - 4000;
  // A failed request reports no usage (the provider's zeroed usage object stays as it was).
  const failed = o.stopReason === 'error' || o.stopReason === 'aborted';
  const message: AssistantMessage = {
    role: 'assistant',
    content,
    api: m.api,
    provider: m.provider,
    model: m.model,
    ...(failed ? {} : { responseId: `resp_${seededUuid(at, 0).replaceAll('-', '')}` }),
    usage: usage(failed ? 0 : (o.totalTokens ?? 62_000), m),
    stopReason: o.stopReason ?? defaultStop,
    ...(o.errorMessage ? { errorMessage: o.errorMessage } : {}),
    // taken when the provider stream starts (openai-codex-responses.js:75), before message_end appends it
    timestamp: started,
  };
  return { type: 'message', timestamp: at, message };
}

/** An assistant reply with text (a completed turn unless stopReason says otherwise). */
export const assistantText = (text: string, at: string, o: AssistantOpts = {}): SessionEntryInput =>
  assistant(text ? [{ type: 'text', text }] : [], at, o, 'stop');

/** An assistant message that calls one tool (stopReason toolUse). */
export const assistantToolCall = (callId: string, name: string, args: Record<string, unknown>, at: string, o: AssistantOpts = {}): SessionEntryInput =>
  assistant([{ type: 'toolCall', id: callId, name, arguments: args }], at, o, 'toolUse');

/** A tool's result for an earlier toolCall. */
export function toolResult(callId: string, name: string, text: string, at: string, isError = false): SessionEntryInput {
  const message: ToolResultMessage = { role: 'toolResult', toolCallId: callId, toolName: name, content: [{ type: 'text', text }], isError, timestamp: Date.parse(at) };
  return { type: 'message', timestamp: at, message };
}

/** A setModel() record: fallback swaps, recovery and startup reconciliation leave one. */
export const modelChange = (provider: string, modelId: string, at: string): SessionEntryInput => ({ type: 'model_change', timestamp: at, provider, modelId });

/** A compaction as AgentSession appends it; firstKeptEntryId defaults to the entry two before it. */
export const compaction = (tokensBefore: number, at: string, firstKeptEntryId?: string): SessionEntryInput => ({
  type: 'compaction',
  timestamp: at,
  summary: 'Joel asked about gateway health and deploys; the queue was drained and checks passed.',
  tokensBefore,
  ...(firstKeptEntryId ? { firstKeptEntryId } : {}),
});

/** The gateway's rotation summary, a custom message it injects into the fresh session (daemon.ts:1330-1342). */
export const rotationSummary = (summary: string, at: string): SessionEntryInput => ({
  type: 'custom_message',
  timestamp: at,
  customType: 'gateway-session-rotation-summary',
  content: summary,
});

/** The transcript file name pi gives a session: start time with `:` and `.` as `-`, `_`, the id (newSession). */
export const sessionFileName = (startedAt: string, sessionId: string): string => `${startedAt.replace(/[:.]/g, '-')}_${sessionId}.jsonl`;

/** A session as pi leaves it on disk: its file name, and the file's bytes or null when pi has not written it yet. */
export interface PiSessionFile {
  fileName: string;
  content: string | null;
}

function append(sm: ReturnType<typeof SessionManager.create>, e: SessionEntryInput, ids: readonly string[], index: number): void {
  switch (e.type) {
    case 'message':
      sm.appendMessage(e.message as UserMessage);
      return;
    case 'model_change':
      sm.appendModelChange(String(e.provider), String(e.modelId));
      return;
    case 'compaction':
      sm.appendCompaction(String(e.summary), String(e.firstKeptEntryId ?? ids[Math.max(0, index - 2)]), Number(e.tokensBefore), { readFiles: [], modifiedFiles: [] }, false);
      return;
    case 'custom_message':
      sm.appendCustomMessageEntry(String(e.customType), e.content as string, true);
      return;
    case 'thinking_level_change':
      sm.appendThinkingLevelChange(String(e.thinkingLevel));
      return;
    default:
      throw new Error(`session-jsonl: pi has no append for entry type "${e.type}"`);
  }
}

/**
 * Writes the session with pi's SessionManager (SessionManager.create in a scratch dir, newSession with the
 * given id at `startedAt`, one append per entry at its instant) and reads back what pi left on disk.
 */
export function piSessionFile(sessionId: string, startedAt: string, entries: readonly SessionEntryInput[], cwd = '/Users/joel'): PiSessionFile {
  const dir = mkdtempSync(join(tmpdir(), 'gwbundle-pi-session-'));
  try {
    const clock = { now: Date.parse(startedAt) };
    const file = withPiClock(sessionId, clock, () => {
      const sm = SessionManager.create(cwd, dir);
      sm.newSession({ id: sessionId });
      const ids = entries.map((_, i) => entryId(sessionId, i));
      entries.forEach((e, i) => {
        clock.now = Date.parse(e.timestamp);
        append(sm, e, ids, i);
      });
      return sm.getSessionFile()!;
    });
    let content: string | null = null;
    try {
      content = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return { fileName: basename(file), content };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The JSONL pi writes for the session ('' while pi would not have written the file yet). */
export const sessionJsonl = (sessionId: string, startedAt: string, entries: readonly SessionEntryInput[], cwd = '/Users/joel'): string =>
  piSessionFile(sessionId, startedAt, entries, cwd).content ?? '';

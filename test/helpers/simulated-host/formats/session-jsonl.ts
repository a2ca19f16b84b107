import { createHash } from 'node:crypto';

// The pi session transcript, JSONL v3 (facts §4): a `session` header, then entries with type, an 8-hex id,
// parentId (the previous entry) and an ISO timestamp; messages (user / assistant / toolResult) carry their
// own epoch-ms timestamp. Builders below take ISO instants; sessionJsonl chains ids and parents.

/** An entry before sessionJsonl gives it id and parentId. */
export type SessionEntryInput = { type: string; timestamp: string } & Record<string, unknown>;

/** Default model identity of the gateway (config model gpt-5.6-sol on openai-codex). */
export const PRIMARY = { provider: 'openai-codex', model: 'gpt-5.6-sol', api: 'openai-codex-responses' } as const;
export const FALLBACK = { provider: 'openai-codex', model: 'gpt-5.4', api: 'openai-codex-responses' } as const;

/** Stable 8-hex entry id for the entry at `index` (0 = first entry after the header) of a session. */
export const entryId = (sessionId: string, index: number): string =>
  createHash('sha256').update(`${sessionId}:${index}`).digest('hex').slice(0, 8);

/** The pi usage object for a turn whose context holds `totalTokens`. */
export function usage(totalTokens: number) {
  const cacheRead = Math.round(totalTokens * 0.9);
  const output = 180;
  const input = totalTokens - cacheRead - output;
  return { input, output, cacheRead, cacheWrite: 0, totalTokens, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } };
}

/** A user prompt as the gateway injects it: the `---\nChannel: …\n---\n` preamble, then the text. */
export function userMessage(text: string, at: string, o: { channel?: string; source?: string } = {}): SessionEntryInput {
  const channel = o.channel ?? 'telegram';
  const preamble = `---\nChannel: ${channel}\nDate: ${at}\nSource: ${o.source ?? `${channel}:123456`}\n---\n`;
  return {
    type: 'message',
    timestamp: at,
    message: { role: 'user', content: [{ type: 'text', text: `${preamble}${text}` }], timestamp: Date.parse(at) },
  };
}

type AssistantOpts = {
  totalTokens?: number;
  stopReason?: 'stop' | 'length' | 'toolUse' | 'error' | 'aborted';
  errorMessage?: string;
  model?: { provider: string; model: string; api: string };
};

function assistant(content: unknown[], at: string, o: AssistantOpts, defaultStop: string): SessionEntryInput {
  const m = o.model ?? PRIMARY;
  return {
    type: 'message',
    timestamp: at,
    message: {
      role: 'assistant',
      content,
      api: m.api,
      provider: m.provider,
      model: m.model,
      usage: usage(o.totalTokens ?? 62_000),
      stopReason: o.stopReason ?? defaultStop,
      ...(o.errorMessage ? { errorMessage: o.errorMessage } : {}),
      timestamp: Date.parse(at) - 4000,
    },
  };
}

/** An assistant reply with text (a completed turn unless stopReason says otherwise). */
export const assistantText = (text: string, at: string, o: AssistantOpts = {}): SessionEntryInput =>
  assistant(text ? [{ type: 'text', text }] : [], at, o, 'stop');

/** An assistant message that calls one tool (stopReason toolUse). */
export const assistantToolCall = (callId: string, name: string, args: Record<string, unknown>, at: string, o: AssistantOpts = {}): SessionEntryInput =>
  assistant([{ type: 'toolCall', id: callId, name, arguments: args }], at, o, 'toolUse');

/** A tool's result for an earlier toolCall. */
export const toolResult = (callId: string, name: string, text: string, at: string, isError = false): SessionEntryInput => ({
  type: 'message',
  timestamp: at,
  message: { role: 'toolResult', toolCallId: callId, toolName: name, content: [{ type: 'text', text }], isError, timestamp: Date.parse(at) },
});

/** A setModel() record: fallback swaps, recovery and startup reconciliation leave one. */
export const modelChange = (provider: string, modelId: string, at: string): SessionEntryInput => ({
  type: 'model_change',
  timestamp: at,
  provider,
  modelId,
});

/** A compaction entry; firstKeptEntryId defaults to two entries before it. */
export const compaction = (tokensBefore: number, at: string, firstKeptEntryId?: string): SessionEntryInput => ({
  type: 'compaction',
  timestamp: at,
  summary: 'Joel asked about gateway health and deploys; the queue was drained and checks passed.',
  tokensBefore,
  ...(firstKeptEntryId ? { firstKeptEntryId } : {}),
});

/** The transcript file name pi uses: start time with `:` and `.` as `-`, `_`, the session id. */
export const sessionFileName = (startedAt: string, sessionId: string): string =>
  `${startedAt.replace(/[:.]/g, '-')}_${sessionId}.jsonl`;

/** The whole JSONL: header line, then the entries chained by id/parentId. */
export function sessionJsonl(sessionId: string, startedAt: string, entries: readonly SessionEntryInput[], cwd = '/Users/joel'): string {
  const lines = [JSON.stringify({ type: 'session', version: 3, id: sessionId, timestamp: startedAt, cwd })];
  entries.forEach((e, i) => {
    const { type, timestamp, ...rest } = e;
    const extra = type === 'compaction' && !('firstKeptEntryId' in rest) ? { firstKeptEntryId: entryId(sessionId, Math.max(0, i - 2)) } : {};
    const id = entryId(sessionId, i);
    const parentId = i === 0 ? null : entryId(sessionId, i - 1);
    lines.push(JSON.stringify({ type, id, parentId, timestamp, ...rest, ...extra }));
  });
  return `${lines.join('\n')}\n`;
}

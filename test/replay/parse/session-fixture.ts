import { CAPTURED_AT } from '../../helpers/bundle-from.js';
import { channelPreamble } from '../../helpers/simulated-host/formats/channel-context.js';

// Builds pi session JSONL v3 lines for the transcript parser's unit tests, with times given as minutes
// before the test bundle's capture time and parentIds chained as pi chains them. Hand-built on purpose: the
// parser must also read what pi never writes in one piece (a window cut mid-session, corrupt lines, no
// header). Its entries have the keys pi's own SessionManager writes (session-fixture.test.ts checks them
// against pi-coding-agent 0.70.2), and prompts carry the gateway's real channel preamble.

export const NOW_MS = Date.parse(CAPTURED_AT);
export const ago = (minutes: number): string => new Date(NOW_MS - minutes * 60_000).toISOString();
const epoch = (minutes: number): number => NOW_MS - minutes * 60_000;


const usageOf = (totalTokens: number, parts?: { input: number; output: number; cacheRead: number; cacheWrite: number }) => ({
  input: parts?.input ?? Math.round(totalTokens * 0.02),
  output: parts?.output ?? 40,
  cacheRead: parts?.cacheRead ?? totalTokens - Math.round(totalTokens * 0.02) - 40,
  cacheWrite: parts?.cacheWrite ?? 0,
  totalTokens,
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 },
});

export interface AssistantOpts {
  stop: 'stop' | 'length' | 'toolUse' | 'error' | 'aborted';
  text?: string;
  toolCalls?: Array<{ id: string; name: string }>;
  tokens?: number;
  parts?: { input: number; output: number; cacheRead: number; cacheWrite: number };
  provider?: string;
  model?: string;
  errorMessage?: string;
}

/** A transcript under construction; `text()` gives the artifact content. */
export function transcript(opts: { id?: string; startedMinutesAgo?: number; cut?: boolean } = {}) {
  const lines: string[] = [];
  let seq = 0;
  let parentId: string | null = opts.cut ? 'feedbeef' : null;
  const push = (minutes: number, body: Record<string, unknown>) => {
    const id = (0xa1b2c300 + ++seq).toString(16);
    lines.push(JSON.stringify({ ...body, id, parentId, timestamp: ago(minutes) }));
    parentId = id;
    return api;
  };
  const api = {
    header(minutes = opts.startedMinutesAgo ?? 60) {
      lines.push(JSON.stringify({ type: 'session', version: 3, id: opts.id ?? '0c9e1f2a-3b4c-4d5e-8f90-a1b2c3d4e5f6', timestamp: ago(minutes), cwd: '/Users/joel' }));
      return api;
    },
    user(minutes: number, text: string, channel: string | null = 'telegram') {
      const content = [{ type: 'text', text: channel ? channelPreamble(`${channel}:8675309`, ago(minutes)) + text : text }];
      return push(minutes, { type: 'message', message: { role: 'user', content, timestamp: epoch(minutes) } });
    },
    assistant(minutes: number, o: AssistantOpts) {
      const content: unknown[] = [{ type: 'thinking', thinking: 'let me look', thinkingSignature: 'sig' }];
      if (o.text) content.push({ type: 'text', text: o.text });
      for (const c of o.toolCalls ?? []) content.push({ type: 'toolCall', id: c.id, name: c.name, arguments: { command: 'joelclaw status' } });
      const message: Record<string, unknown> = {
        role: 'assistant', content, api: 'openai-codex-responses', provider: o.provider ?? 'openai-codex', model: o.model ?? 'gpt-5.6-sol',
        ...(o.stop === 'error' || o.stop === 'aborted' ? {} : { responseId: `resp_${seq + 1}` }),
        usage: usageOf(o.tokens ?? 41_940, o.parts), stopReason: o.stop, timestamp: epoch(minutes) - 2_000,
      };
      if (o.errorMessage) message.errorMessage = o.errorMessage;
      return push(minutes, { type: 'message', message });
    },
    toolResult(minutes: number, callId: string, toolName: string, isError = false) {
      const content = [{ type: 'text', text: isError ? 'exit code 1: command failed' : 'ok' }];
      return push(minutes, { type: 'message', message: { role: 'toolResult', toolCallId: callId, toolName, content, isError, timestamp: epoch(minutes) } });
    },
    modelChange(minutes: number, provider: string, modelId: string) {
      return push(minutes, { type: 'model_change', provider, modelId });
    },
    compaction(minutes: number) {
      return push(minutes, { type: 'compaction', summary: 'Earlier: status checks.', firstKeptEntryId: 'a1b2c301', tokensBefore: 141_200, details: { readFiles: [], modifiedFiles: [] }, fromHook: false });
    },
    rotationSummary(minutes: number) {
      return push(minutes, { type: 'custom_message', customType: 'gateway-session-rotation-summary', content: 'Previous session summary', display: false });
    },
    raw(line: string) {
      lines.push(line);
      return api;
    },
    /** A whole exchange: prompt, tool call, tool result, final answer. */
    exchange(minutes: number, text = 'status?', channel: string | null = 'telegram') {
      const call = `call_${seq + 1}`;
      return api
        .user(minutes, text, channel)
        .assistant(minutes - 0.1, { stop: 'toolUse', toolCalls: [{ id: call, name: 'bash' }] })
        .toolResult(minutes - 0.2, call, 'bash')
        .assistant(minutes - 0.3, { stop: 'stop', text: `answer to ${text}` });
    },
    text: () => `${lines.join('\n')}\n`,
  };
  return api;
}

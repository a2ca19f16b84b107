// Text of a pi message's content, with the gateway's injected channel preamble taken off. The gateway starts
// prompts with `---\nChannel: <platform>\nDate: …\n…\n---\n` (formatting/index.ts:64-97; facts §4), and the
// dedup layers strip it the same way, up to the first `\n---\n` (facts §8.6).

/** One user / assistant / toolResult message of the transcript, as the summary and the layer see it. */
export interface SessionMessage {
  line: number;
  at: string;
  ms: number;
  role: 'user' | 'assistant' | 'toolResult';
  /**
   * The readable text (preamble stripped, tool calls named); an errored assistant shows `[error] message`.
   * Empty for a tool result: no reader shows a tool's output (a failed one is in ParsedSession.errors).
   */
  text: string;
  stopReason: string | null;
}

/** Channels the watchdog treats as human (3 min stuck threshold, facts §8.3). */
export const HUMAN_CHANNELS: readonly string[] = ['telegram', 'discord', 'imessage', 'slack'];

const PREAMBLE_END = '\n---\n';

// Why: the stuck threshold depends on whether a person is waiting on the prompt.
export function isHumanChannel(channel: string | null): boolean {
  return channel !== null && HUMAN_CHANNELS.includes(channel);
}

// Why: previews and channel detection both need the prompt without the injected preamble.
export function stripPreamble(text: string): { channel: string | null; body: string } {
  const start = text.search(/\S/);
  if (start < 0 || !text.startsWith('---\n', start)) return { channel: null, body: text };
  const end = text.indexOf(PREAMBLE_END, start + 3);
  if (end < 0) return { channel: null, body: text };
  const preamble = text.slice(start, end);
  const channel = /^Channel:\s*([A-Za-z][\w-]*)/m.exec(preamble)?.[1]?.toLowerCase() ?? null;
  return { channel, body: text.slice(end + PREAMBLE_END.length) };
}

// Why: pi content is a string or an array of text / image / thinking / toolCall parts.
export function messageText(content: unknown): { channel: string | null; body: string } {
  if (typeof content === 'string') return stripPreamble(content);
  if (!Array.isArray(content)) return { channel: null, body: '' };
  const texts: string[] = [];
  const calls: string[] = [];
  for (const part of content) {
    if (typeof part !== 'object' || part === null) continue;
    const p = part as Record<string, unknown>;
    if (p.type === 'text' && typeof p.text === 'string') texts.push(p.text);
    else if (p.type === 'image') texts.push('[image]');
    else if (p.type === 'toolCall') calls.push(typeof p.name === 'string' ? p.name : 'unknown');
  }
  const { channel, body } = stripPreamble(texts.join('\n'));
  const callText = calls.length > 0 ? `[tool call ${calls.join(', ')}]` : '';
  return { channel, body: [body.trim(), callText].filter(Boolean).join(' ') };
}

// Why: the durable store keeps the prompt exactly as pi received it, preamble and all.
export function rawText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((p): p is { type: 'text'; text: string } => typeof p === 'object' && p !== null && p.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text)
    .join('\n');
}

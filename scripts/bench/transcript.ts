import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  assistantText,
  assistantToolCall,
  entryId,
  type SessionEntryInput,
  toolResult,
  userMessage,
} from '../../test/helpers/simulated-host/formats/session-jsonl.js';
import { appendRecords } from './logs.js';

// A live pi transcript far bigger than TRANSCRIPT_READ_CAP, every entry inside the --hours window, so the
// collector's backward scan stops at the read cap rather than at the window start: the transcript "at its cap".

/** A `ps` / log excerpt as a bash tool returns it: a few KB of text per tool result, as in real sessions. */
const toolOutput = (i: number): string =>
  Array.from({ length: 24 }, (_, k) => `${4000 + ((i + k) % 900)}     1 Thu Nov 27 10:${String(k % 60).padStart(2, '0')}:00 2026  01:0${k % 10}:00 bun run daemon.ts --turn ${i}`).join('\n');

/** Printable ASCII but the two characters JSON escapes, so the noise costs its own size in the JSONL. */
const PRINTABLE = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).filter((c) => c !== '"' && c !== '\\').join('');

/**
 * Text that barely compresses (~80%) yet is no secret: short random words of printable characters, as a tool
 * dumping a minified or binary-ish file would print. (Long base64 runs would be redacted as high-entropy.)
 */
function noiseOutput(): string {
  const bytes = randomBytes(20_000);
  let out = '';
  for (let k = 0; k < bytes.length; k++) {
    const b = bytes[k] ?? 0;
    out += b % 9 === 0 ? ' ' : PRINTABLE[b % PRINTABLE.length];
  }
  return out;
}

/** Entry `i % 4` of a four-entry turn: prompt, tool call, tool result, answer. */
function turnEntry(i: number, at: string, noisy: boolean): SessionEntryInput {
  const turn = Math.floor(i / 4);
  switch (i % 4) {
    case 0:
      return userMessage(`status check ${turn}: is the queue draining? last stream id ${Date.parse(at)}-0`, at);
    case 1:
      return assistantToolCall(`call_${turn}`, 'bash', { command: `joelclaw status --turn ${turn}` }, at, { totalTokens: 60_000 + (turn % 40_000) });
    case 2:
      return toolResult(`call_${turn}`, 'bash', noisy ? noiseOutput() : toolOutput(turn), at);
    default:
      return assistantText(`Turn ${turn}: gateway, redis and inngest are healthy; queue depth ${turn % 7}.`, at, { totalTokens: 61_000 + (turn % 40_000) });
  }
}

/**
 * Appends `bytes` of entries to the transcript at `path`, chained after its last entry and stamped evenly
 * from `fromMs` to `toMs` (both inside the window); `noisy` tool results are incompressible. Returns the bytes written.
 */
export async function growTranscript(path: string, sessionId: string, bytes: number, fromMs: number, toMs: number, noisy = false): Promise<number> {
  const existing = (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '').length - 1;
  // ~1 KB per entry on average: spread the timestamps over the expected count.
  const expected = Math.max(1, Math.ceil(bytes / 1000));
  return appendRecords(path, bytes, (i) => {
    const index = existing + i;
    const at = new Date(Math.min(toMs, fromMs + Math.floor(((toMs - fromMs) * i) / expected))).toISOString();
    const { type, timestamp, ...rest } = turnEntry(i, at, noisy);
    return JSON.stringify({ type, id: entryId(sessionId, index), parentId: entryId(sessionId, index - 1), timestamp, ...rest });
  });
}

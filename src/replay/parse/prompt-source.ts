import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import type { Evidence } from '../types.js';
import { asRecord, healthStatus } from './health.js';

// Where a prompt came from, when its text does not say. injectChannelContext writes a `Channel:` preamble
// only for telegram, discord, imessage and cli sources (joelclaw formatting/index.ts:43-49): a Slack prompt
// reaches pi as the bare text, yet the watchdog gives `slack:` sources the 3-minute human threshold
// (daemon.ts:1638-1649). The source is still on record in three places: the durable stream entry
// (payload {source, prompt}, left unacked until the turn ends: command-queue.ts:1046-1074), the daemon's
// in-flight request in /health (status.supersession.activeRequest, set for the prompt being run:
// command-queue.ts:984, 1208), and the store's `persisted inbound message {streamId, source}` line in
// gateway.log (message-store/store.ts:279).

export interface PromptSource {
  source: string;
  /** How it was found, for the finding's words. */
  via: 'the durable stream entry' | "the daemon's in-flight request" | 'the persisted-message log line';
  evidence: Evidence;
}

interface SourceIndex {
  byPrompt: Map<string, { source: string; id: string }>;
  active: { source: string; enqueuedMs: number } | null;
  persisted: Array<{ ms: number; source: string; line: number }>;
}

/** A persisted message is dispatched within this long, or it is not the prompt's (the replay drop age). */
const PERSIST_TO_PROMPT_MS = 10 * 60_000;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function streamPrompts(ctx: ReplayContext): SourceIndex['byPrompt'] {
  const out: SourceIndex['byPrompt'] = new Map();
  if (ctx.absence(A.redisMessagesStream.id)) return out;
  const entries = asRecord(ctx.json(A.redisMessagesStream.id))?.entries;
  for (const raw of Array.isArray(entries) ? entries : []) {
    const e = asRecord(raw);
    const payloadText = str(asRecord(e?.fields)?.payload);
    if (!payloadText) continue;
    try {
      const payload = asRecord(JSON.parse(payloadText));
      const source = str(payload?.source);
      const prompt = str(payload?.prompt);
      if (source && prompt) out.set(prompt, { source, id: str(e?.id) ?? '?' });
    } catch {
      // a payload the daemon did not write: no source from it
    }
  }
  return out;
}

function activeRequest(ctx: ReplayContext): SourceIndex['active'] {
  const active = asRecord(asRecord(healthStatus(ctx)?.supersession)?.activeRequest);
  const source = str(active?.source);
  const enqueuedMs = Date.parse(str(active?.enqueuedAt) ?? '');
  return source && !Number.isNaN(enqueuedMs) ? { source, enqueuedMs } : null;
}

const PERSISTED = /^\[gateway:store\] persisted inbound message \{/;
const STREAM_ID = /^\s*streamId: "(\d+)-\d+",$/m;
const SOURCE = /^\s*source: "([^"]+)",$/m;

function persistedLines(ctx: ReplayContext): SourceIndex['persisted'] {
  if (ctx.absence(A.gatewayLog.id)) return [];
  const out: SourceIndex['persisted'] = [];
  for (const r of ctx.records(A.gatewayLog.id) ?? []) {
    if (!PERSISTED.test(r.head)) continue;
    const ms = Number(STREAM_ID.exec(r.text)?.[1]);
    const source = SOURCE.exec(r.text)?.[1];
    if (source && Number.isFinite(ms)) out.push({ ms, source, line: r.line });
  }
  return out.sort((a, b) => a.ms - b.ms);
}

function index(ctx: ReplayContext): SourceIndex {
  return ctx.memo('parse:promptSources', () => ({ byPrompt: streamPrompts(ctx), active: activeRequest(ctx), persisted: persistedLines(ctx) }));
}

/** Sources injectChannelContext writes a preamble for (formatting/index.ts:43-49): never a bare prompt's. */
export function hasChannelPreamble(source: string): boolean {
  return /^(discord|telegram|imessage|cli):/.test(source) || source === 'cli' || source === 'tui';
}

// Why: the stuck threshold depends on the source, and a Slack prompt's text does not name it. Prompts are
// given oldest first; each persisted line is used once, first in first out, like the queue that ran them.
export function promptSources(ctx: ReplayContext, prompts: ReadonlyArray<{ text: string; ms: number; last: boolean }>): Array<PromptSource | null> {
  // why: the index reads every record of gateway.log; most transcripts have no prompt without a preamble
  if (prompts.length === 0) return [];
  const ix = index(ctx);
  const used = new Set<number>();
  return prompts.map((prompt) => {
    const stream = ix.byPrompt.get(prompt.text);
    if (stream) return { source: stream.source, via: 'the durable stream entry', evidence: { artifact: A.redisMessagesStream.id, excerpt: `${stream.id}: source ${stream.source}` } };
    const active = ix.active;
    if (prompt.last && active && active.enqueuedMs <= prompt.ms && !hasChannelPreamble(active.source)) {
      return { source: active.source, via: "the daemon's in-flight request", evidence: { artifact: A.health.id, excerpt: `status.supersession.activeRequest.source: ${active.source}` } };
    }
    const i = ix.persisted.findIndex((p, k) => !used.has(k) && !hasChannelPreamble(p.source) && p.ms <= prompt.ms && prompt.ms - p.ms <= PERSIST_TO_PROMPT_MS);
    if (i < 0) return null;
    used.add(i);
    const p = ix.persisted[i]!;
    return { source: p.source, via: 'the persisted-message log line', evidence: { artifact: A.gatewayLog.id, line: p.line } };
  });
}

/** The channel of a gateway source: `slack:C0123:1764.1` is slack, `telegram:42` telegram. */
export const channelOfSource = (source: string): string => source.split(':')[0]!.toLowerCase();

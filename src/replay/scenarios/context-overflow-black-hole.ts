import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { otelEvents } from '../parse/otel.js';
import { parseSession } from '../parse/session.js';
import { messagesStream } from '../redis-summary.js';
import { muteRun, stdoutFlow } from '../stdout-flow.js';
import type { Evidence, Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, otelEvidence, recordTextAt } from './evidence.js';

// Ours, from the owner's worst silent outage (ADR-0141, 2026-02-25): the session outgrew the model's window, so
// every prompt came back `400 … prompt is too long: 350k tokens > 180k maximum`. pi resolves that on
// message_end instead of throwing, so the command queue counted each prompt as handled: messages received,
// persisted, dispatched and acked, gateway.err clean, the e2e test draining, and no `response ready` for hours.

/** The provider's words for a prompt that does not fit (Anthropic, OpenAI), and the queue's own lines. */
export const OVERFLOW = /prompt is too long|maximum context length|context_length_exceeded|context window|context overflow detected|compaction insufficient/i;
/** Transcript errors at the end of the session that make a run, not a one-off. */
const TRAILING_RUN = 2;

// Why: both black-hole scenarios must tell "the context overflowed" from "no cause in sight" the same way.
/** Everything in the bundle that says the prompts did not fit the context window (empty when nothing does). */
export function overflowEvidence(ctx: ReplayContext): Evidence[] {
  const session = parseSession(ctx);
  const transcript = (session?.errors ?? []).filter((e) => e.kind === 'assistant' && OVERFLOW.test(e.text));
  const logged = [...hitsOf(ctx, 'context-overflow'), ...hitsOf(ctx, 'api-error').filter((h) => OVERFLOW.test(recordTextAt(ctx, h.artifact, h.lastLine)))];
  const otel = otelEvents(ctx).filter((e) => e.action.startsWith('queue.context_overflow.') || OVERFLOW.test(e.error ?? ''));
  return [
    ...transcript.slice(-3).map((e) => ({ artifact: A.sessionTranscript.id, line: e.line, excerpt: e.text.slice(0, 200) })),
    ...hitEvidence(logged, 1),
    ...otelEvidence(otel, 2),
  ];
}

/** Terminal assistant errors in a row at the end of the transcript. */
const trailingErrors = (ctx: ReplayContext): number => parseSession(ctx)?.trailingErrors ?? 0;

// Why: "acked" is what made it silent: nothing waits in the durable stream to be replayed.
export function ackedEvidence(ctx: ReplayContext): Evidence | null {
  const stream = messagesStream(ctx);
  if (!stream || stream.length > 0) return null;
  return { artifact: A.redisMessagesStream.id, excerpt: `${stream.key} holds no unacked message: every prompt was counted as handled` };
}

// Why: the run of unanswered prompts in gateway.log, cited at its first dispatch.
export function muteEvidence(ctx: ReplayContext): Evidence | null {
  const run = muteRun(stdoutFlow(ctx));
  if (!run) return null;
  return { artifact: A.gatewayLog.id, line: run.firstLine, excerpt: `${run.count} prompt(s) dispatched from here on, no response ready after any of them` };
}

const contextOverflowBlackHole: Scenario = {
  id: 'context-overflow-black-hole',
  title: 'Context overflow black hole (mute gateway)',
  cause: "The session's context outgrew the model's window, so the provider rejects every prompt (`400 … prompt is too long`) before a token streams. pi resolves that error on message_end instead of throwing, so the queue counts each prompt as handled: messages are persisted, dispatched and acked, gateway.err stays clean and the e2e test drains, but nobody gets an answer.",
  fix: [
    'Confirm it: the last assistant entries of ~/.joelclaw/sessions/gateway/<session>.jsonl end in stopReason error with `prompt is too long` (`gwbundle show BUNDLE files/session.jsonl`).',
    'Start a fresh session: write /tmp/joelclaw/gateway.force-new-session.json (`{"reason":"context overflow","requestedAt":"<now>"}`) and `joelclaw gateway restart`; the daemon starts a new session instead of resuming the oversized one.',
    'Prove delivery with a real message: `[gateway] response ready` must follow it in /tmp/joelclaw/gateway.log (the e2e test drains whether or not anyone answers). The acked messages are gone from the stream: re-send what matters.',
    "Find why compaction did not keep up: compaction settings in ~/.joelclaw/gateway/.pi/settings.json, the session's age and last compaction, and the daemon's own overflow recovery (`joelclaw otel search \"queue.context_overflow\" --hours 6`).",
  ],
  layer: 'stdout-log',
  match(ctx) {
    const overflow = overflowEvidence(ctx);
    if (overflow.length === 0) return null;
    const mute = muteEvidence(ctx);
    if (!mute && trailingErrors(ctx) < TRAILING_RUN) return null;
    return fired([mute, ...overflow, ackedEvidence(ctx)]);
  },
};

export default contextOverflowBlackHole;

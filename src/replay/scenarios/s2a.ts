import type { ReplayContext } from '../context.js';
import { A } from '../../bundle/artifacts.js';
import { parseSession } from '../parse/session.js';
import { eventLists, messagesStream } from '../redis-summary.js';
import type { Evidence, Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, otelEvidence, otelOf, recordTextAt } from './evidence.js';

// SKILL scenario 2a: the provider rejects the prompt before the model stream starts ("Authentication failed
// for <provider>"), so the gateway is alive but mute. Events left in joelclaw:events:gateway and unacked stream
// entries strengthen it. pi's wording: facts §6 (any provider, not only anthropic).

const AUTH = /Authentication failed for \\?["'`]?([\w.-]+)/i;

/** The queue evidence: pending events and unacked durable messages at capture. */
function notDraining(ctx: ReplayContext): Evidence[] {
  const out: Evidence[] = [];
  for (const l of eventLists(ctx) ?? []) {
    if (l.length > 0 && !l.key.endsWith(':batch')) out.push({ artifact: A.redisEventLists.id, excerpt: `${l.key}: ${l.length} event(s) not drained` });
  }
  const stream = messagesStream(ctx);
  if (stream && stream.length > 0) out.push({ artifact: A.redisMessagesStream.id, excerpt: `${stream.key}: ${stream.length} unacked message(s)` });
  return out;
}

const s2a: Scenario = {
  id: '2a',
  title: 'Provider auth expired (alive but mute)',
  cause: "The model provider's credentials in pi's auth state expired or are missing, so every prompt is rejected before the model stream starts; queued events never get a response.",
  fix: [
    'Re-authenticate pi for the provider named in the error (`/login <provider>` in pi, e.g. `/login anthropic` or `/login openai-codex`).',
    'Restart the gateway (`joelclaw gateway restart`), then re-run `joelclaw gateway test` and check the event drains.',
    "If failures continue, check the provider's quota and plan limits.",
  ],
  layer: 'error-log',
  match(ctx) {
    const hits = hitsOf(ctx, 'auth-failed');
    const transcriptErrors = (parseSession(ctx)?.errors ?? []).filter((e) => AUTH.test(e.text));
    const otel = otelOf(ctx, 'queue.prompt.failed').filter((e) => AUTH.test(e.error ?? ''));
    if (hits.length === 0 && transcriptErrors.length === 0 && otel.length === 0) return null;
    const provider = AUTH.exec([...hits.map((h) => recordTextAt(ctx, h.artifact, h.lastLine)), ...transcriptErrors.map((e) => e.text), ...otel.map((e) => e.error ?? '')].join('\n'))?.[1];
    return fired([
      ...hitEvidence(hits),
      ...transcriptErrors.slice(-2).map((e) => ({ artifact: A.sessionTranscript.id, line: e.line, excerpt: e.text.slice(0, 200) })),
      ...otelEvidence(otel, 1),
      ...notDraining(ctx),
      provider ? { artifact: hits[0]?.artifact ?? A.sessionTranscript.id, excerpt: `provider: ${provider} (run /login ${provider})` } : null,
    ]);
  },
};

export default s2a;

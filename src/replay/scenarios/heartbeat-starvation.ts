import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { parseSession } from '../parse/session.js';
import { isHumanChannel } from '../parse/session-message.js';
import type { Evidence, Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, otelEvidence, otelOf } from './evidence.js';

// Ours: background work in the single pi session starves the human channels. On 2026-02-22 heartbeat prompts
// (the HEARTBEAT.md checklist, 30-90 s of kubectl / redis-cli / curl tool calls every 15 min) held the session
// when Telegram messages arrived; three retries hit "Agent is already processing" and the fallback activated for
// the third time that session (ADR-0103). Scenario 1 blames the queue's streaming behaviour; the cause here is
// what the session was busy with.

/** A heartbeat or checklist prompt as the gateway injected it (HEARTBEAT.md, cron.heartbeat events). */
const HEARTBEAT_PROMPT = /HEARTBEAT(\.md)?|cron\.heartbeat|heartbeat checklist/i;

// Why: scenario 1 defers to this one, the way it defers to the compaction race (scenario 5).
/** Heartbeat prompts in the transcript from a non-human channel, when the session also refused a prompt as busy. */
export function heartbeatStarvation(ctx: ReplayContext): Evidence[] | null {
  if (hitsOf(ctx, 'session-busy').length === 0) return null;
  const prompts = (parseSession(ctx)?.turns ?? []).filter((t) => t.prompt && !isHumanChannel(t.channel));
  const messages = parseSession(ctx)?.messages ?? [];
  const heartbeats = prompts.filter((t) => HEARTBEAT_PROMPT.test(messages.find((m) => m.line === t.line)?.text ?? ''));
  if (heartbeats.length === 0) return null;
  return heartbeats.slice(-3).map((t) => ({ artifact: A.sessionTranscript.id, line: t.line, excerpt: `heartbeat prompt at ${t.at} (${t.channel ?? 'no channel'}): ${t.toolResults} tool result(s), ${t.completion ? 'completed' : 'still running at capture'}` }));
}

const heartbeatStarvationScenario: Scenario = {
  id: 'heartbeat-starvation',
  title: 'Heartbeat prompts starve a human channel',
  cause: 'The gateway runs one prompt at a time, and background prompts (the heartbeat checklist with its tool calls) held the session when a person wrote: their message failed with "Agent is already processing", the retries ran out long before the background turn ended, and the fallback may have swapped models for nothing.',
  fix: [
    'Keep background work out of the gateway session (ADR-0103): no heartbeat or checklist prompts into it; checks run in the worker and push only what needs a person.',
    'Find who injects them: `cron.heartbeat` events in joelclaw:events:gateway and the Redis channel (`joelclaw otel search "events.triaged" --hours 6`), or a heartbeat extension still prompting the session.',
    'Then re-send the lost human message; a fallback swap caused by this (three busy failures) recovers by itself on the next probe.',
  ],
  layer: 'error-log',
  match(ctx) {
    const heartbeats = heartbeatStarvation(ctx);
    if (!heartbeats) return null;
    return fired([...heartbeats, ...hitEvidence(hitsOf(ctx, 'session-busy'), 2), ...hitEvidence(hitsOf(ctx, 'model-fallback'), 1), ...otelEvidence(otelOf(ctx, 'queue.prompt.failed'), 1)]);
  },
};

export default heartbeatStarvationScenario;

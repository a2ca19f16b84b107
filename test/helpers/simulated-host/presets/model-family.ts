import { type GatewayRedisState, gatewayStreamEntry } from '../../seed-redis.js';
import { healthResponse } from '../formats/health.js';
import { otelEvent } from '../formats/otel.js';
import { assistantText, FALLBACK, modelChange, userMessage } from '../formats/session-jsonl.js';
import { minutesBefore, msBefore } from '../spec.js';
import type { HostDraft } from './draft.js';
import { completedTurn, DAEMON_PID, DAEMON_UPTIME_SEC, healthyDraft, TURN_MINUTES } from './healthy.js';
import { AUTH_EXPIRED, fallbackActivated, fallbackNotice, fallingBackText, fallbackSetModelFailed, fallbackTimeout, promptFailed, startupRecords, turnRecords, USER_SOURCE } from './records.js';

// SKILL scenarios 2, 2a, 2b and 2c: the primary model times out (fallback), provider auth expired (mute
// gateway), the embedded pi lags the machine's pi (fallback model not found), and a resumed session keeps
// the fallback model after restart.

const FALLBACK_ID = 'openai-codex/gpt-5.4';
const uptimeMs = DAEMON_UPTIME_SEC * 1000;

/** SKILL 2: no tokens for 120 s, fallback to openai-codex/gpt-5.4 14 min ago. */
export function s2ModelTimeout(): HostDraft {
  const d = healthyDraft();
  const since = minutesBefore(14);
  d.gatewayErr = [fallbackTimeout(minutesBefore(16)), fallbackActivated('no streaming tokens after 120s', 1)];
  d.gatewayLog.push(fallbackNotice(fallingBackText('no streaming tokens after 120s')));
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs, model: FALLBACK_ID, fallback: { active: true, model: FALLBACK_ID, since, activationCount: 1 } });
  const turns = d.session!.entries.filter((e) => Date.parse(e.timestamp) < Date.parse(minutesBefore(16)));
  d.session!.entries = [
    ...turns,
    userMessage('did the deploy finish?', minutesBefore(16)),
    modelChange(FALLBACK.provider, FALLBACK.model, since),
    assistantText('Yes, deployed at 11:40.', minutesBefore(13.8), { model: FALLBACK, totalTokens: 61_000 }),
    userMessage('thanks', minutesBefore(8)),
    assistantText('Anytime.', minutesBefore(7.9), { model: FALLBACK, totalTokens: 61_400 }),
  ];
  d.otelEvents.push(
    otelEvent({ component: 'daemon.fallback', action: 'model_fallback.decision', minutesAgo: 14.1, level: 'warn', metadataKeys: ['reason', 'timeoutMs'] }),
    otelEvent({ component: 'daemon.fallback', action: 'model_fallback.swapped', minutesAgo: 14, level: 'warn', metadataKeys: ['from', 'to', 'reason'] }),
  );
  return d;
}

/** SKILL 2a: "Authentication failed" prompt failures, old events stuck in the list, unacked stream entries. */
export function s2aAuthExpired(): HostDraft {
  const d = healthyDraft();
  d.gatewayErr = [promptFailed(AUTH_EXPIRED, 1), promptFailed(AUTH_EXPIRED, 2)];
  const stuckEvents = [25, 18, 12].map((m, i) => ({
    id: `6b1f0c2e-0d4a-4c5e-9f10-00000000000${i}`,
    type: i === 0 ? 'deploy.succeeded' : 'cron.heartbeat',
    source: 'inngest',
    payload: { note: `event ${i}` },
    ts: msBefore(m),
  }));
  const state = d.redis as GatewayRedisState;
  state.eventLists = { 'joelclaw:events:gateway': stuckEvents };
  state.stream = [20, 14].map((m) => gatewayStreamEntry(msBefore(m), USER_SOURCE, `---\nChannel: telegram\n---\nping ${m}`, 1));
  state.priority = [20, 14].map((m) => ({ member: `${msBefore(m)}-0`, score: 1e12 + msBefore(m) }));
  d.session!.entries.push(
    userMessage('ping 14', minutesBefore(7)),
    assistantText('', minutesBefore(6.9), { stopReason: 'error', errorMessage: AUTH_EXPIRED, totalTokens: 0 }),
  );
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs, consecutivePromptFailures: 2, queueDepth: 3 });
  d.otelEvents.push(
    ...[7, 6.5].map((m) => otelEvent({ component: 'command-queue', action: 'queue.prompt.failed', minutesAgo: m, level: 'error', success: false, error: AUTH_EXPIRED })),
    otelEvent({ component: 'daemon.alerting', action: 'model_failure.alert.sent', minutesAgo: 6.4, level: 'warn', metadataKeys: ['kind', 'source'] }),
  );
  return d;
}

/** SKILL 2b: the fallback model is unknown to the embedded pi 0.70.2 while the machine's pi is 0.74.1. */
export function s2bPiSkew(): HostDraft {
  const d = healthyDraft();
  d.piVersion = '0.74.1';
  // The joelclaw catalog knows the model, the embedded pi does not: the swap's setModel throws
  // `[gateway:fallback] pi model not found: …` (daemon.ts:5036-5038) and the controller logs it (controller.ts:464).
  d.gatewayErr = [fallbackSetModelFailed(`Error: [gateway:fallback] pi model not found: ${FALLBACK_ID}`)];
  d.otelEvents.push(
    otelEvent({ component: 'daemon.fallback', action: 'fallback.model_not_found', minutesAgo: 18, level: 'error', success: false, error: `pi model not found: ${FALLBACK_ID}` }),
    otelEvent({ component: 'daemon.fallback', action: 'model_fallback.probe_failed', minutesAgo: 8, level: 'warn', success: false, error: `pi model not found: ${FALLBACK_ID}`, metadataKeys: ['errorKind', 'backoffMs'] }),
  );
  return d;
}

/** SKILL 2c: config says gpt-5.6-sol, the resumed session runs gpt-5.4 with fallback inactive. */
export function s2cModelDrift(): HostDraft {
  const d = healthyDraft();
  const lifecycle = d.lifecycle;
  d.gatewayLog = [...startupRecords({ pid: DAEMON_PID, model: FALLBACK_ID, lifecycleRestart: lifecycle }), ...TURN_MINUTES.flatMap((m) => turnRecords(msBefore(m)))];
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs, model: FALLBACK_ID });
  const early = d.session!.entries.filter((e) => Date.parse(e.timestamp) < Date.parse(minutesBefore(61)));
  const later = TURN_MINUTES.flatMap((m, i) => completedTurn(m, 56_000 + i * 2000, i + 1)).map((e) => {
    const message = e.message as { role: string; model?: string; provider?: string; api?: string };
    return message.role === 'assistant' ? { ...e, message: { ...message, model: FALLBACK.model, provider: FALLBACK.provider, api: FALLBACK.api } } : e;
  });
  d.session!.entries = [...early, modelChange(FALLBACK.provider, FALLBACK.model, minutesBefore(61)), ...later];
  return d;
}

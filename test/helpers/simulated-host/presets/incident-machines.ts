import { bunRecord } from '../formats/bun.js';
import { healthResponse } from '../formats/health.js';
import { otelEvent } from '../formats/otel.js';
import { FALLBACK, PRIMARY, assistantText, assistantToolCall, modelChange, toolResult, userMessage } from '../formats/session-jsonl.js';
import { minutesBefore, msBefore } from '../spec.js';
import type { HostDraft } from './draft.js';
import type { GatewayRedisState } from '../../seed-redis.js';
import { DAEMON_PID, DAEMON_UPTIME_SEC, TURN_MINUTES, healthyDraft } from './healthy.js';
import { s1StreamingRace } from './queue-family.js';
import { telegramConflictRecords } from './channel-family.js';
import { slimTransport } from './slim-family.js';
import { ALREADY_PROCESSING, USER_SOURCE, promptFailed, startupRecords, turnRecords } from './records.js';

// More machines from the owner's incident record (docs/incidents.md), beside the example presets of
// incident-family.ts: these have no example bundle, and test/replay/incidents.test.ts replays each one.

const FALLBACK_ID = `${FALLBACK.provider}/${FALLBACK.model}`;
const PRIMARY_ID = `${PRIMARY.provider}/${PRIMARY.model}`;
/** Minutes before capture of each swap to the fallback in the last hour; the probe restores the primary ~4 min later. */
const SWAP_MINUTES = [56, 49, 42, 35, 28, 21, 14, 7];

/**
 * 2026-03-05 (joelclaw 0789d653, 11ea1030): 12 h without compaction, the context at 85% (of today's 272k window), the primary's first
 * token past the 120 s timeout: fallback, probe, primary, timeout, 92 activations in 11 h. The last hour of it.
 */
export function fallbackThrash(): HostDraft {
  const d = healthyDraft();
  const total = 92;
  d.gatewayErr = SWAP_MINUTES.flatMap((m, i) => [
    bunRecord('[gateway:fallback] timeout — no tokens received', { timeoutMs: 120_000, promptDispatchedAt: minutesBefore(m + 2) }),
    bunRecord('[gateway:fallback] activated', { reason: 'no streaming tokens after 120s', fallback: FALLBACK_ID, activationCount: total - SWAP_MINUTES.length + 1 + i }),
  ]);
  d.gatewayLog.push(
    ...SWAP_MINUTES.flatMap((m) => [
      `[gateway:fallback] ⚠️ Gateway falling back to ${FALLBACK_ID}\nReason: no streaming tokens after 120s\nWill probe primary every 10min`,
      ...turnRecords(msBefore(m - 1)),
      ...(m > 7 ? [bunRecord('[gateway:fallback] recovered to primary', { primary: PRIMARY_ID }), `[gateway:fallback] ✅ Gateway recovered to primary model: ${PRIMARY_ID}`] : []),
    ]),
  );
  // The session has not compacted for 12 h (its compaction entry is long out of the window) and sits at 85%.
  const early = d.session!.entries.filter((e) => Date.parse(e.timestamp) < Date.parse(minutesBefore(60)) && e.type !== 'compaction');
  d.session!.startedAt = minutesBefore(14 * 60);
  d.session!.entries = [
    ...early,
    ...SWAP_MINUTES.flatMap((m, i) => [
      userMessage(`quick one ${i}`, minutesBefore(m + 2)),
      modelChange(FALLBACK.provider, FALLBACK.model, minutesBefore(m)),
      assistantText('Done.', minutesBefore(m - 1), { model: FALLBACK, totalTokens: 231_000 + i * 300 }),
      ...(m > 7 ? [modelChange(PRIMARY.provider, PRIMARY.model, minutesBefore(m - 4))] : []),
    ]),
  ];
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs: DAEMON_UPTIME_SEC * 1000, usagePercent: 85, model: FALLBACK_ID, fallback: { active: true, model: FALLBACK_ID, since: minutesBefore(7), activationCount: total } });
  d.otelEvents.push(
    ...SWAP_MINUTES.flatMap((m) => [
      otelEvent({ component: 'daemon.fallback', action: 'model_fallback.swapped', minutesAgo: m, level: 'warn', metadataKeys: ['from', 'to', 'reason'] }),
      ...(m > 7 ? [otelEvent({ component: 'daemon.fallback', action: 'model_fallback.primary_restored', minutesAgo: m - 4, metadataKeys: ['primary', 'downtimeMs'] })] : []),
    ]),
  );
  return d;
}

/** One HEARTBEAT.md checklist turn from the Redis channel: three tool calls over ~90 s (ADR-0103). */
function heartbeatTurn(m: number, i: number, done = true) {
  const tools = [['kubectl get pods -n joelclaw', 'redis-0 1/1 Running'], ['redis-cli -p 6379 ping', 'PONG'], ['curl -s localhost:8288/health', '{"status":200}']];
  return [
    userMessage('Run the HEARTBEAT.md checklist and report anything actionable.', minutesBefore(m), { channel: 'redis', source: 'redis:cron.heartbeat' }),
    ...tools.flatMap(([command, out], j) => [
      assistantToolCall(`hb_${i}_${j}`, 'bash', { command }, minutesBefore(m - 0.2 - j * 0.4), { totalTokens: 64_000 + i * 500 }),
      ...(done || j < 2 ? [toolResult(`hb_${i}_${j}`, 'bash', out!, minutesBefore(m - 0.5 - j * 0.4))] : []),
    ]),
    ...(done ? [assistantText('HEARTBEAT_OK', minutesBefore(m - 1.5), { totalTokens: 64_500 + i * 500 })] : []),
  ];
}

/**
 * 2026-02-22 (ADR-0103): heartbeat prompts every 15 min held the session; a Telegram message a minute ago hit
 * "Agent is already processing" three times and the fallback activated for the third time that session.
 */
export function heartbeatStarvation(): HostDraft {
  const d = healthyDraft();
  const retry = (attempt: number) => bunRecord('command-queue: session still streaming, retrying', { attempt, source: USER_SOURCE, delayMs: 2000 });
  d.gatewayErr = [
    retry(1),
    retry(2),
    promptFailed(ALREADY_PROCESSING, 1),
    retry(1),
    retry(2),
    promptFailed(ALREADY_PROCESSING, 2),
    retry(1),
    retry(2),
    promptFailed(ALREADY_PROCESSING, 3),
    bunRecord('[gateway:fallback] activated', { reason: '3 consecutive prompt failures', fallback: FALLBACK_ID, activationCount: 3 }),
  ];
  d.gatewayLog.push(
    bunRecord('[redis] batched 1 event(s): cron.heartbeat', {}),
    bunRecord('[gateway:telegram] message received', { source: USER_SOURCE, chatId: 8675309, length: 24 }),
    bunRecord('[gateway:store] persisted inbound message', { streamId: `${msBefore(1)}-0`, source: USER_SOURCE, priority: 'P1' }),
  );
  d.session!.entries.push(...heartbeatTurn(46, 1), ...heartbeatTurn(31, 2), ...heartbeatTurn(16, 3), ...heartbeatTurn(1.6, 4, false));
  d.session!.entries.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs: DAEMON_UPTIME_SEC * 1000, model: FALLBACK_ID, fallback: { active: true, model: FALLBACK_ID, since: minutesBefore(0.5), activationCount: 3 }, consecutivePromptFailures: 3 });
  d.otelEvents.push(
    ...[1.2, 0.9, 0.6].map((m, i) => otelEvent({ component: 'command-queue', action: 'queue.prompt.failed', minutesAgo: m, level: i === 2 ? 'fatal' : 'error', success: false, error: ALREADY_PROCESSING, metadataKeys: ['source', 'consecutiveFailures'] })),
    otelEvent({ component: 'daemon.fallback', action: 'model_fallback.swapped', minutesAgo: 0.5, level: 'warn', metadataKeys: ['from', 'to', 'reason'] }),
  );
  return d;
}

/**
 * 2026-07-31 (.brain/tasks/reboot-repair-gateway.svx): flagg rebooted; launchd brought the slim transport back,
 * the agent loop's driver had no supervisor and stayed dead. `TTL gateway:agent:heartbeat` was -2.
 */
export function agentLoopDown(): HostDraft {
  const d = slimTransport();
  const { extraKeys: _gone, ...redis } = d.redis as GatewayRedisState;
  d.redis = redis;
  return d;
}

/**
 * 2026-07-27 to 31 (.brain/tasks/reboot-repair-gateway.svx): flagg's slim transport logged 880 consecutive 409
 * conflicts because panda's leftover legacy daemon long-polled the same bot token; flagg's ps shows one poller.
 */
export function botPolledElsewhere(): HostDraft {
  const d = slimTransport();
  d.gatewayErr = telegramConflictRecords(12);
  return d;
}

/**
 * 2026-02-18 (ADR-0049): a `find` the model ran without a timeout hung for 12+ min; `gateway status` said
 * healthy (it checked Redis and the process). No watchdog then: the transcript is the only witness.
 */
export function hungToolCall(): HostDraft {
  const d = healthyDraft();
  d.session!.entries.push(
    userMessage('find the big log files eating the disk', minutesBefore(13)),
    assistantToolCall('call_find', 'bash', { command: 'find / -name "*.log" -size +100M' }, minutesBefore(12.8), { totalTokens: 63_000 }),
  );
  d.gatewayLog.push(...turnRecords(msBefore(13)).slice(0, 3));
  return d;
}

/**
 * 2026-02-21 (ADR-0091): the primary gave no token for 4+ min and there was no fallback yet: messages queued,
 * nothing answered, nothing in gateway.err.
 */
export function slowModelNoFallback(): HostDraft {
  const d = healthyDraft();
  d.gatewayLog.push(...[9, 5].flatMap((m) => turnRecords(msBefore(m)).slice(0, 3)));
  d.session!.entries.push(userMessage('is the deploy done?', minutesBefore(9)));
  return d;
}

/** The 429 a rate-limited provider answers, as pi keeps it when it resolves the turn on message_end. */
export const RATE_LIMITED = '429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your rate limit."}}';

/**
 * 2026-02-25 (joelclaw 632cedf5): rate limits resolved on message_end instead of throwing, so neither the queue
 * nor the fallback saw them; gateway.err clean, the transcript full of 429s, nobody answered.
 */
export function rateLimitedOnMessageEnd(): HostDraft {
  const d = healthyDraft();
  const minutes = [6, 4, 2];
  d.gatewayLog.push(...minutes.flatMap((m) => turnRecords(msBefore(m)).slice(0, 3)));
  d.session!.entries.push(...minutes.flatMap((m) => [userMessage('ping', minutesBefore(m)), assistantText('', minutesBefore(m - 0.05), { stopReason: 'error', errorMessage: RATE_LIMITED, totalTokens: 0 })]));
  return d;
}

/**
 * 2026-03-02/03 (joelclaw d70bf488, 56e46a39): the watchdog's own dead-session alarm stayed in gateway.err after
 * its restart fixed things, and diagnose kept failing on it; the monitor restarted a healthy gateway. Scenario 1's
 * machine three hours after the watchdog restart.
 */
export function staleWatchdogEntries(): HostDraft {
  const d = s1StreamingRace();
  const healthy = healthyDraft();
  const oldPid = 3987;
  const lifecycle = { status: 'completed', reason: 'watchdog:dead-session', requestedAt: minutesBefore(180.2), completedAt: minutesBefore(180), previousPid: oldPid, newPid: DAEMON_PID };
  d.processes = [{ ...d.processes[0]!, elapsedSec: 3 * 3600 }];
  d.lifecycle = lifecycle;
  d.gatewayLog = [
    ...startupRecords({ pid: oldPid, lifecycleRestart: null }),
    ...turnRecords(msBefore(200)),
    bunRecord('[gateway] shutting down', { signal: 'watchdog:dead-session' }),
    ...startupRecords({ pid: DAEMON_PID, lifecycleRestart: lifecycle }),
    ...TURN_MINUTES.flatMap((m) => turnRecords(msBefore(m))),
  ];
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs: 3 * 3600 * 1000 });
  // The alarms are three hours old: outside the 1 h window of every OTEL search.
  d.otelEvents = healthy.otelEvents.filter((e) => e.action !== 'daemon.started');
  return d;
}

import { healthResponse } from '../formats/health.js';
import { otelEvent } from '../formats/otel.js';
import { assistantText, assistantToolCall, userMessage } from '../formats/session-jsonl.js';
import { minutesBefore } from '../spec.js';
import type { HostDraft } from './draft.js';
import { DAEMON_PID, DAEMON_UPTIME_SEC, healthyDraft } from './healthy.js';
import { contextElevated, contextUsageModerate, sessionAppearsStuck, stuckRecoveryTimedOut, USER_SOURCE, watchdogHealthCheck } from './records.js';

// SKILL scenario 3 (a tool call that never returns) and our own session-pressure-critical (the context
// is at 79% of a 200k window, past the 75% rotation threshold).

/** SKILL 3: the transcript ends in a `bash` toolCall with no result 14 min ago; /health says stuck (840s). */
export function s3StuckTool(): HostDraft {
  const d = healthyDraft();
  const lastPromptAt = minutesBefore(14.2);
  d.session!.entries.push(
    userMessage('tail the deploy log until it finishes', lastPromptAt),
    assistantToolCall('call_stuck', 'bash', { command: 'kubectl logs -f deploy/web -n joelclaw' }, minutesBefore(14), { totalTokens: 63_000 }),
  );
  d.gatewayErr = [
    watchdogHealthCheck({ redisOk: true, queueDepth: 1, uptimeMs: (DAEMON_UPTIME_SEC - 11 * 60) * 1000, consecutiveFailures: 0, waitingForTurnEnd: true, stuck: { stuckForMs: 195_000, stuckThresholdMs: 180_000, lastPromptSource: USER_SOURCE, lastPromptAt } }),
    sessionAppearsStuck(195_000, 180_000, USER_SOURCE),
    stuckRecoveryTimedOut(15_000, 1, 300_000),
  ];
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs: DAEMON_UPTIME_SEC * 1000, available: false, sessionComponent: 'stuck (840s)', queueDepth: 1 });
  d.otelEvents.push(
    otelEvent({ component: 'daemon.watchdog', action: 'watchdog.session_stuck', minutesAgo: 10.9, level: 'error', success: false, metadataKeys: ['source', 'stuckForMs'] }),
    otelEvent({ component: 'daemon.watchdog', action: 'watchdog.session_stuck.recovery_timeout', minutesAgo: 9.4, level: 'error', success: false }),
  );
  return d;
}

/** Ours: the newest assistant usage is 215,000 tokens, 79% of gpt-5.6-sol's 272k window (critical: rotate). */
export function sessionPressureCritical(): HostDraft {
  const d = healthyDraft();
  d.session!.entries.push(
    userMessage('summarize the whole week of deploys', minutesBefore(4)),
    assistantText('Here is the week in deploys: ...', minutesBefore(3.5), { totalTokens: 215_000 }),
  );
  // the per-turn checks of the turns before it (daemon.ts:4460, 4499)
  d.gatewayLog.push(contextUsageModerate(150_000, 55));
  d.gatewayErr = [contextElevated(185_000, 68, 31)];
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs: DAEMON_UPTIME_SEC * 1000, contextTokens: 215_000 });
  return d;
}

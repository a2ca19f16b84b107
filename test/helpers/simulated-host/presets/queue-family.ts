import { healthResponse } from '../formats/health.js';
import { otelEvent } from '../formats/otel.js';
import { assistantText, compaction, userMessage } from '../formats/session-jsonl.js';
import { minutesBefore, msBefore } from '../spec.js';
import type { HostDraft } from './draft.js';
import { completedTurn, DAEMON_PID, healthyDraft } from './healthy.js';
import {
  ALREADY_PROCESSING,
  droppedConsecutiveDuplicate,
  droppedDuplicateInbound,
  persistedInbound,
  promptFailed,
  SELF_RESTART,
  sessionAppearsDead,
  sessionStillStreaming,
  shuttingDown,
  startupRecords,
  turnRecords,
  USER_SOURCE,
} from './records.js';

// SKILL scenarios 1, 5 and 6: prompts dispatched into a still-streaming session (until the watchdog
// restarts the daemon), the same after a compaction, and false duplicate suppression.

const streamingRetry = (attempt: number) => sessionStillStreaming(attempt);

/** SKILL 1: three "already processing" failures, watchdog dead-session, self-restart 12 min ago. */
export function s1StreamingRace(): HostDraft {
  const d = healthyDraft();
  const oldPid = 3987;
  const lifecycle = { status: 'completed', reason: 'watchdog:dead-session', requestedAt: minutesBefore(12.2), completedAt: minutesBefore(12), previousPid: oldPid, newPid: DAEMON_PID };
  d.gatewayErr = [1, 2, 3].flatMap((n) => [streamingRetry(1), streamingRetry(2), promptFailed(ALREADY_PROCESSING, n)]);
  d.gatewayErr.push(
    sessionAppearsDead(3),
    SELF_RESTART,
  );
  d.gatewayLog = [
    ...startupRecords({ pid: oldPid, lifecycleRestart: null }),
    ...turnRecords(msBefore(50)),
    shuttingDown('watchdog:dead-session'),
    ...startupRecords({ pid: DAEMON_PID, lifecycleRestart: lifecycle }),
    ...turnRecords(msBefore(6)),
  ];
  d.lifecycle = lifecycle;
  d.processes = [{ pid: DAEMON_PID, ppid: 1, elapsedSec: 12 * 60, command: d.processes[0]!.command }];
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs: 12 * 60_000 });
  d.otelEvents.push(
    ...[16, 15, 13].map((m, i) => otelEvent({ component: 'command-queue', action: 'queue.prompt.failed', minutesAgo: m, level: i === 2 ? 'fatal' : 'error', success: false, error: ALREADY_PROCESSING, metadataKeys: ['source', 'consecutiveFailures'] })),
    otelEvent({ component: 'daemon.watchdog', action: 'watchdog.session_dead', minutesAgo: 12.3, level: 'error', success: false }),
    otelEvent({ component: 'daemon', action: 'daemon.shutdown.started', minutesAgo: 12.2, metadataKeys: ['signal'] }),
    otelEvent({ component: 'daemon', action: 'daemon.started', minutesAgo: 12, metadataKeys: ['pid', 'wsPort'] }),
  );
  return d;
}

/** SKILL 5: a completed turn, auto-compaction, then the next prompt hits "already processing" (no watchdog). */
export function s5CompactionRace(): HostDraft {
  const d = healthyDraft();
  d.session!.entries.push(
    ...completedTurn(5, 132_000, 9),
    compaction(132_000, minutesBefore(4.5)),
    userMessage('and the deploy?', minutesBefore(4.4)),
  );
  d.gatewayErr = [streamingRetry(1), streamingRetry(2), promptFailed(ALREADY_PROCESSING, 1)];
  d.gatewayLog.push(...turnRecords(msBefore(5)).slice(0, 4), persistedInbound(`${msBefore(4.4)}-0`, USER_SOURCE, 'P1'));
  d.otelEvents.push(otelEvent({ component: 'command-queue', action: 'queue.prompt.failed', minutesAgo: 4.3, level: 'error', success: false, error: ALREADY_PROCESSING }));
  return d;
}

/** SKILL 6: the queue and the store each drop a message as a duplicate; OTEL shows the dedup metadata keys. */
export function s6FalseDedup(): HostDraft {
  const d = healthyDraft();
  const streamId = `${msBefore(7)}-0`;
  d.gatewayLog.push(
    droppedConsecutiveDuplicate(USER_SOURCE, streamId, 'ok'),
    droppedDuplicateInbound(USER_SOURCE, '3fa9c1d2e4b5', true),
  );
  const keys = ['dedupHashPrefix', 'strippedInjectedContext', 'promptLength', 'normalizedLength'];
  d.otelEvents.push(
    otelEvent({ component: 'command-queue', action: 'queue.dedup_dropped', minutesAgo: 7, level: 'warn', metadataKeys: ['source', ...keys] }),
    otelEvent({ component: 'message-store', action: 'message.dedup_dropped', minutesAgo: 6.9, level: 'warn', metadataKeys: ['source', ...keys] }),
  );
  d.session!.entries.push(userMessage('ok', minutesBefore(7.2)), assistantText('Done.', minutesBefore(7.1), { totalTokens: 62_500 }));
  return d;
}

import { bunErrorValue, bunRecord } from '../formats/bun.js';
import { healthResponse } from '../formats/health.js';
import { otelEvent } from '../formats/otel.js';
import { FAKE } from '../secrets.js';
import type { HostDraft } from './draft.js';
import { DAEMON_PID, DAEMON_UPTIME_SEC, healthyDraft } from './healthy.js';

// SKILL scenarios 4b (langfuse optional dependency noise), 4c (Telegram getUpdates 409 conflict) and 7
// (background console forwarding suppressed by policy).

export const TELEGRAM_CONFLICT =
  "Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running)";

/**
 * E: grammY's 409 and the retry after it, as a Telegram poller outside the Chat SDK logs them. The current
 * daemon has no such log line (Telegram runs through the Chat SDK, facts §6): the message texts are ours,
 * shaped after grammY's GrammyError (out/core/error.ts), the retry line carries the bot-token URL redaction
 * must catch; Bun prints both.
 */
export function telegramConflictRecords(attempts: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= attempts; i++) {
    out.push(
      bunRecord('[gateway:telegram] polling failed', {
        error: bunErrorValue(TELEGRAM_CONFLICT, {
          thrower: 'grammy-call-api',
          props: { method: 'getUpdates', ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running', parameters: {} },
        }),
      }, 'error'),
      bunRecord('[gateway:telegram] retry scheduled', { attempt: i, delayMs: 5000 * i, url: `https://api.telegram.org/bot${FAKE.telegramBotToken}/getUpdates` }, 'warn'),
    );
  }
  return out;
}

/** SKILL 4b: healthy, plus the langfuse-cost extension's warning repeated on every session start. */
export function s4bLangfuse(): HostDraft {
  const d = healthyDraft();
  // pi/extensions/langfuse-cost/index.ts:414, console.warn of a lone string
  d.gatewayErr = Array.from({ length: 6 }, () => "langfuse-cost: cannot load optional dependency 'langfuse'; telemetry disabled.");
  return d;
}

/** SKILL 4c: another poller holds the bot token; /health shows retrying_conflict with a streak of 4. */
export function s4cTelegramConflict(): HostDraft {
  const d = healthyDraft();
  d.gatewayErr = telegramConflictRecords(4);
  d.health = healthResponse({
    pid: DAEMON_PID,
    uptimeMs: DAEMON_UPTIME_SEC * 1000,
    telegram: { healthy: false, pollingState: 'retrying_conflict', pollingActive: false, conflictStreak: 4, retryAttempts: 4 },
  });
  d.otelEvents.push(
    otelEvent({ component: 'telegram-channel', action: 'telegram.channel.start_failed', minutesAgo: 9, level: 'error', success: false, error: TELEGRAM_CONFLICT }),
    ...[8, 6, 3].map((m) => otelEvent({ component: 'telegram-channel', action: 'telegram.channel.retry_scheduled', minutesAgo: m, level: 'warn', metadataKeys: ['attempt', 'delayMs'] })),
  );
  return d;
}

/** SKILL 7: background responses generated and suppressed by policy, never sent. */
export function s7ConsoleForwardSuppressed(): HostDraft {
  const d = healthyDraft();
  const keys = ['hasActiveSource', 'hasCapturedSource', 'recoveredFromRecentPrompt', 'sourceAgeMs'];
  d.otelEvents.push(
    ...[27, 14, 4].flatMap((m) => [
      otelEvent({ component: 'daemon.response', action: 'response.generated.background_source', minutesAgo: m, metadataKeys: ['source', 'length'] }),
      otelEvent({ component: 'daemon', action: 'outbound.console_forward.suppressed_policy', minutesAgo: m - 0.01, level: 'warn', metadataKeys: keys }),
    ]),
  );
  return d;
}

import { A } from '../../bundle/artifacts.js';
import { asRecord } from '../parse/health.js';
import type { Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, otelEvidence, otelOf } from './evidence.js';
import { healthStatus } from '../parse/health.js';

// SKILL scenario 4c: another process polls the same Telegram bot token, so getUpdates fails with 409 Conflict
// and inbound Telegram looks like a no-op. Facts §0.10: Telegram now runs through the Chat SDK and
// `telegram.channel.start_failed` / poll_owner are gone from current code; old bundles may still show them.

const s4c: Scenario = {
  id: '4c',
  title: 'Telegram polling ownership conflict (409)',
  cause: 'Another bot process polls the same Telegram token at the same time (phone and desktop clients are not Bot API pollers), so getUpdates is terminated with 409 Conflict.',
  fix: [
    'Find the other poller: another gateway (a leftover `daemon.ts` beside the slim transport, a second machine) or a script using the same bot token; stop it.',
    'On current code Telegram runs through the Chat SDK: confirm /health channels.telegram returns to pollingState `chat-sdk-active`. On older daemons check `joelclaw otel search "telegram.channel.poll_owner" --hours 1` for one owner and passive others.',
    'Verify recovery (no new 409 in gateway.err; `telegram.channel.polling_recovered` on older daemons) once the external contention stops.',
  ],
  layer: 'error-log',
  match(ctx) {
    const hits = hitsOf(ctx, 'telegram-conflict');
    const otel = otelOf(ctx, 'telegram.channel.start_failed', 'telegram.channel.retry_scheduled');
    const telegram = asRecord(asRecord(healthStatus(ctx)?.channels)?.telegram);
    const conflict = telegram?.pollingState === 'retrying_conflict' || (typeof telegram?.conflictStreak === 'number' && telegram.conflictStreak > 0);
    if (hits.length === 0 && otel.length === 0 && !conflict) return null;
    return fired([
      ...hitEvidence(hits, 2),
      ...otelEvidence(otel, 2),
      conflict ? { artifact: A.health.id, excerpt: `channels.telegram pollingState ${String(telegram?.pollingState)}, conflictStreak ${String(telegram?.conflictStreak ?? '?')}` } : null,
    ]);
  },
};

export default s4c;

import { A } from '../../bundle/artifacts.js';
import { asRecord } from '../parse/health.js';
import type { Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, otelEvidence, otelOf } from './evidence.js';
import { healthStatus } from '../parse/health.js';
import { processFacts } from '../process-facts.js';

// SKILL scenario 4c: another process polls the same Telegram bot token, so getUpdates fails with 409 Conflict
// and inbound Telegram looks like a no-op. Facts §0.10: Telegram now runs through the Chat SDK and
// `telegram.channel.start_failed` / poll_owner are gone from current code; old bundles may still show them.

const s4c: Scenario = {
  id: '4c',
  title: 'Telegram polling ownership conflict (409)',
  cause: 'Another bot process polls the same Telegram token at the same time (phone and desktop clients are not Bot API pollers), so getUpdates is terminated with 409 Conflict.',
  fix: [
    'Find the other poller and stop it. If ps on this machine shows a second gateway, it is that one (legacy-daemon-polling); if it shows one, the other holds the same bot token elsewhere: another machine (2026-07-27: panda\'s leftover daemon.ts polled flagg\'s bot, 880 consecutive 409s) or a container or lab worker (2026-03-05: a Restate worker).',
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
    // One gateway process here means the other poller is not on this machine: say so, it is where to look.
    const f = processFacts(ctx);
    const here = [...f.daemonPids, ...f.transportPids];
    const elsewhere = f.psRan && here.length <= 1 ? { artifact: A.ps.id, excerpt: `${here.length === 1 ? `one gateway process on this machine (pid ${here[0]})` : 'no gateway process on this machine'}: the other poller of this bot token runs elsewhere` } : null;
    return fired([
      ...hitEvidence(hits, 2),
      ...otelEvidence(otel, 2),
      conflict ? { artifact: A.health.id, excerpt: `channels.telegram pollingState ${String(telegram?.pollingState)}, conflictStreak ${String(telegram?.conflictStreak ?? '?')}` } : null,
      elsewhere,
    ]);
  },
};

export default s4c;

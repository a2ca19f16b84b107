import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// grammY: `Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request…)`; older
// builds logged `telegram.channel.start_failed` with `conflict: true` (facts §6; hand procedure Layer 2).
// The real diagnose's channel-health layer calls a polling conflict degraded, hence warn.

const GET_UPDATES_CONFLICT = /getUpdates[\s\S]*?409:?\s*Conflict|409:?\s*Conflict[\s\S]*?getUpdates/i;
const OLD_START_FAILED = /telegram\.channel\.start_failed[\s\S]*?conflict["']?\s*[:=]\s*true|telegram\.channel\.start_failed[\s\S]*?409/i;

/** Catalog row `telegram-conflict`: matched against the whole grouped record. */
const telegramConflict: Pattern = {
  id: 'telegram-conflict',
  label: 'telegram-conflict',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id, A.gatewayLog.id],
  meaning: 'Telegram long-poll contention: another poller holds the bot token',
  rootCause: 'Another bot process polls the same token; the gateway retries with backoff (check telegram.channel.poll_owner.* with the lease on)',
  match: (record) => GET_UPDATES_CONFLICT.test(record.text) || OLD_START_FAILED.test(record.text),
};

export default telegramConflict;

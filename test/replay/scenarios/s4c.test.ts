import s4c from '../../../src/replay/scenarios/s4c.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { bunRecord } from '../../helpers/simulated-host/formats/bun.js';
import { healthResponse } from '../../helpers/simulated-host/formats/health.js';
import { otelEvent } from '../../helpers/simulated-host/formats/otel.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

function healthOnly() {
  const d = draftOf('healthy');
  d.health = healthResponse({ telegram: { healthy: false, pollingState: 'retrying_conflict', pollingActive: false, conflictStreak: 2, retryAttempts: 2 } });
  return bundleOfDraft(d);
}

/** An old daemon that still emitted telegram.channel.start_failed (facts §0.10: gone from current code). */
function oldOtel() {
  const d = draftOf('healthy');
  d.otelEvents.push(otelEvent({ component: 'telegram-channel', action: 'telegram.channel.start_failed', minutesAgo: 5, level: 'error', success: false, metadataKeys: ['conflict'] }));
  return bundleOfDraft(d);
}

function otherConflict() {
  const d = draftOf('healthy');
  d.gatewayErr = [bunRecord('[gateway:telegram] send failed', { error: "Call to 'sendMessage' failed! (409: Conflict: message is being edited)" })];
  return bundleOfDraft(d);
}

testScenario(s4c, {
  fires: [
    { name: 'the s4c preset: getUpdates 409s, retrying_conflict, OTEL start_failed', bundle: bundleOfPreset('s4c-telegram-conflict') },
    { name: '/health pollingState retrying_conflict alone', bundle: healthOnly() },
    { name: 'an old daemon emitting telegram.channel.start_failed', bundle: oldOtel() },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a 409 from sendMessage, not getUpdates', bundle: otherConflict() },
  ],
});

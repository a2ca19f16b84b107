import s6 from '../../../src/replay/scenarios/s6.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { otelEvent } from '../../helpers/simulated-host/formats/otel.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

function otelOnly() {
  const d = draftOf('healthy');
  d.otelEvents.push(otelEvent({ component: 'message-store', action: 'message.dedup_dropped', minutesAgo: 9, level: 'warn', metadataKeys: ['dedupHashPrefix', 'normalizedLength'] }));
  return bundleOfDraft(d);
}

function superseded() {
  const d = draftOf('healthy');
  d.gatewayLog.push('[command-queue] dropped superseded entry');
  return bundleOfDraft(d);
}

testScenario(s6, {
  fires: [
    { name: 'the s6 preset: queue and store drops with dedup metadata', bundle: bundleOfPreset('s6-false-dedup') },
    { name: 'a store dedup drop seen only in OTEL', bundle: otelOnly() },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a superseded entry dropped (latest-wins, not dedup)', bundle: superseded() },
  ],
});


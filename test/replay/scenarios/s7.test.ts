import s7 from '../../../src/replay/scenarios/s7.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { otelEvent } from '../../helpers/simulated-host/formats/otel.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** One background response and its policy suppression; `sentAfter` adds a `sent` that many minutes later. */
function turn(o: { background: boolean; sentAfter?: number }) {
  const d = draftOf('healthy');
  if (o.background) d.otelEvents.push(otelEvent({ component: 'daemon.response', action: 'response.generated.background_source', minutesAgo: 10 }));
  d.otelEvents.push(otelEvent({ component: 'daemon', action: 'outbound.console_forward.suppressed_policy', minutesAgo: 9.99, level: 'warn' }));
  if (o.sentAfter !== undefined) d.otelEvents.push(otelEvent({ component: 'daemon', action: 'outbound.console_forward.sent', minutesAgo: 9.99 - o.sentAfter }));
  return bundleOfDraft(d);
}

testScenario(s7, {
  fires: [
    { name: 'the s7 preset: three suppressed background responses, none sent', bundle: bundleOfPreset('s7-console-forward-suppressed') },
    { name: 'a suppression whose only send came 5 min later (another turn)', bundle: turn({ background: true, sentAfter: 5 }) },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a suppression followed by a send in the same turn', bundle: turn({ background: true, sentAfter: 0.2 }) },
    { name: 'a suppression with no background-source response', bundle: turn({ background: false }) },
  ],
});

import s4a from '../../../src/replay/scenarios/s4a.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { bunErrorValue, bunRecord } from '../../helpers/simulated-host/formats/bun.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

const MAX = 'Reached the max retries per request limit (which is 20). Refer to "maxRetriesPerRequest" option for details.';
const exhausted = () => bunRecord('[gateway] redis command retries exhausted', { suppressedInWindow: 4, message: MAX });
const rejection = () => bunRecord('[gateway] unhandled rejection', { reason: bunErrorValue(MAX, { props: { name: 'MaxRetriesPerRequestError' } }) });

function withErr(records: string[]) {
  const d = draftOf('healthy');
  d.gatewayErr = records;
  return bundleOfDraft(d);
}

testScenario(s4a, {
  fires: [
    { name: 'the s4a preset: 32 retries exhausted, rejections and OTEL emit timeouts', bundle: bundleOfPreset('s4a-retry-storm') },
    { name: 'five retries exhausted with one unhandled rejection', bundle: withErr([...Array.from({ length: 5 }, exhausted), rejection()]) },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'three retries exhausted and a rejection (churn, not a flood)', bundle: withErr([exhausted(), exhausted(), exhausted(), rejection()]) },
    { name: 'six retries exhausted with no rejection or emit failure', bundle: withErr(Array.from({ length: 6 }, exhausted)) },
  ],
});

import s4b from '../../../src/replay/scenarios/s4b.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

function withErr(records: string[]) {
  const d = draftOf('healthy');
  d.gatewayErr = records;
  return bundleOfDraft(d);
}

testScenario(s4b, {
  fires: [
    { name: 'the s4b preset: the langfuse warning six times', bundle: bundleOfPreset('s4b-langfuse') },
    { name: 'one langfuse warning beside a model timeout', bundle: withErr(["langfuse-cost: cannot load optional dependency 'langfuse'; telemetry disabled.", '[gateway:fallback] timeout — no tokens received {}']) },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'another extension missing an optional dependency', bundle: withErr(["web-search: cannot load optional dependency 'playwright'; browsing disabled."]) },
  ],
});

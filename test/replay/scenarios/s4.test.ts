import s4 from '../../../src/replay/scenarios/s4.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** The collector could not reach Redis, /health still says normal (the daemon has not noticed yet). */
function collectorRefused(name: string) {
  const d = draftOf(name);
  d.redis = 'refused';
  return bundleOfDraft(d);
}

testScenario(s4, {
  fires: [
    { name: 'the s4 preset: /health mode redis_degraded', bundle: bundleOfPreset('s4-redis-degraded') },
    { name: 'Redis refused to the collector while the daemon runs', bundle: collectorRefused('healthy') },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'Redis refused while no daemon runs (daemon-down)', bundle: collectorRefused('daemon-down') },
    { name: 'a retry storm that has already recovered (scenario 4a)', bundle: bundleOfPreset('s4a-retry-storm') },
  ],
});

import slimTransport from '../../../src/replay/scenarios/slim-transport.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { toSpec } from '../../helpers/simulated-host/presets.js';
import { bundleOfPreset, bundleOfSpec, draftOf } from './host-bundle.js';

/** ps was not collected: the log's `slim transport ready` is the only sign. */
function logOnly() {
  const spec = toSpec(draftOf('slim-transport'));
  delete spec.commands.ps;
  return bundleOfSpec(spec);
}

testScenario(slimTransport, {
  fires: [
    { name: 'the slim-transport preset', bundle: bundleOfPreset('slim-transport') },
    { name: 'a slim transport seen only in gateway.log (no ps)', bundle: logOnly() },
    { name: 'the slim transport live beside a leftover daemon.ts', bundle: bundleOfPreset('legacy-daemon-polling') },
  ],
  quiet: [
    { name: 'the healthy legacy machine', bundle: bundleOfPreset('healthy') },
    { name: 'no gateway process at all', bundle: bundleOfPreset('daemon-down') },
  ],
});

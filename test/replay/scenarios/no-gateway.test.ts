import { expect } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import noGateway from '../../../src/replay/scenarios/no-gateway.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** The no-gateway machine with one trace of a gateway: a start script left in ~/.joelclaw/scripts. */
function leftoverStartScript() {
  const d = draftOf('no-gateway');
  d.omit!.files = d.omit!.files!.filter((p) => !p.endsWith('gateway-start.sh'));
  return bundleOfDraft(d);
}

testScenario(noGateway, {
  fires: [
    {
      name: 'the no-gateway machine: nothing of it installed, a Redis that answers empty',
      bundle: bundleOfPreset('no-gateway'),
      check: (evidence) => {
        expect(evidence.map((e) => e.artifact)).toEqual(expect.arrayContaining([A.launchctlPrintSystem.id, A.ps.id, A.health.id, A.redisPing.id]));
      },
    },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a daemon that is down but installed (daemon-down)', bundle: bundleOfPreset('daemon-down') },
    { name: 'a machine with only a start script left of the gateway', bundle: leftoverStartScript() },
    { name: 'the slim transport, which serves no /health', bundle: bundleOfPreset('slim-transport') },
  ],
});

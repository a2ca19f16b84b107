import { expect } from 'vitest';
import { replay } from '../../../src/replay/index.js';
import agentLoopDown from '../../../src/replay/scenarios/agent-loop-down.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { agentLoopDown as deadLoop } from '../../helpers/simulated-host/presets/incident-machines.js';
import { bundleOfDraft, bundleOfPreset } from './host-bundle.js';

/** The key gone for one poll while the driver runs: a blip, as in the 185 fallbacks of 2026-07-25. */
function blip() {
  const d = deadLoop();
  d.processes.push({ pid: 6100, ppid: 1, elapsedSec: 3 * 86_400, command: 'node /Users/joel/Code/joelhooks/joelclaw/packages/agent-comms-driver/dist/main.js' });
  return bundleOfDraft(d);
}

testScenario(agentLoopDown, {
  fires: [
    {
      name: 'flagg after the 2026-07-30 reboot: transport up, no heartbeat key, no driver',
      bundle: bundleOfDraft(deadLoop()),
      check: () => {
        const d = replay(bundleOfDraft(deadLoop()));
        expect(d.verdict).toMatchObject({ status: 'failed', layer: 'process' });
      },
    },
  ],
  quiet: [
    { name: 'the healthy slim transport (its heartbeat key present)', bundle: bundleOfPreset('slim-transport') },
    { name: 'the key missing for one poll while the driver runs', bundle: blip() },
    { name: 'the legacy runtime, which has no agent loop', bundle: bundleOfPreset('healthy') },
  ],
});

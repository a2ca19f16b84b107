import { expect } from 'vitest';
import { replay } from '../../../src/replay/index.js';
import heartbeatStarvation from '../../../src/replay/scenarios/heartbeat-starvation.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { heartbeatStarvation as starvedMachine } from '../../helpers/simulated-host/presets/incident-machines.js';
import { bundleOfDraft, bundleOfPreset } from './host-bundle.js';

/** The same machine without the heartbeat turns: the busy session is scenario 1's streaming race. */
function noHeartbeats() {
  const d = starvedMachine();
  d.session!.entries = d.session!.entries.filter((e) => !JSON.stringify(e).includes('HEARTBEAT'));
  return bundleOfDraft(d);
}

testScenario(heartbeatStarvation, {
  fires: [
    {
      name: 'the 2026-02-22 machine: heartbeat checklist turns every 15 min, three busy failures, fallback',
      bundle: bundleOfDraft(starvedMachine()),
      check: (evidence) => {
        expect(evidence[2]?.excerpt).toMatch(/still running at capture$/);
        // Scenario 1 defers: the queue's streaming behaviour is not what held the session.
        expect(replay(bundleOfDraft(starvedMachine())).scenarios.map((s) => s.id)).not.toContain('1');
      },
    },
  ],
  quiet: [
    { name: 'busy failures with no heartbeat prompt in the session', bundle: noHeartbeats() },
    { name: 'scenario 1 after a watchdog restart', bundle: bundleOfPreset('s1-streaming-race') },
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
  ],
});

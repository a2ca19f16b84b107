import legacyDaemonPolling from '../../../src/replay/scenarios/legacy-daemon-polling.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { DAEMON_COMMAND } from '../../helpers/simulated-host/formats/ps.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

function extraProcess(name: string, command: string) {
  const d = draftOf(name);
  d.processes.push({ pid: 3377, ppid: 8810, elapsedSec: 7200, command });
  return bundleOfDraft(d);
}

testScenario(legacyDaemonPolling, {
  fires: [
    { name: 'the legacy-daemon-polling preset: daemon.ts beside the slim transport', bundle: bundleOfPreset('legacy-daemon-polling') },
    { name: 'two daemon.ts processes', bundle: extraProcess('healthy', DAEMON_COMMAND) },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'the slim transport alone', bundle: bundleOfPreset('slim-transport') },
    { name: 'a grep for daemon.ts beside the slim transport', bundle: extraProcess('slim-transport', 'grep packages/gateway/src/daemon.ts') },
  ],
});

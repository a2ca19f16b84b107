import daemonDown from '../../../src/replay/scenarios/daemon-down.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { launchctlNotFound } from '../../helpers/simulated-host/formats/launchctl.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** Not registered with launchd at all (plist never bootstrapped) and nothing running. */
function unregistered() {
  const d = draftOf('daemon-down');
  d.launchd.printGui = launchctlNotFound('gui/501');
  return bundleOfDraft(d);
}

/** launchd says running but ps shows no gateway process (a stale launchd view): not judged down. */
function grepOnly() {
  const d = draftOf('healthy');
  d.processes = [{ pid: 9001, ppid: 8811, elapsedSec: 1, command: 'grep /packages/gateway/src/daemon.ts' }];
  return bundleOfDraft(d);
}

testScenario(daemonDown, {
  fires: [
    { name: 'the daemon-down preset: not running, last exit 1, secrets not ready', bundle: bundleOfPreset('daemon-down') },
    { name: 'an unregistered service and no process', bundle: unregistered() },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a disabled service (launchd-disabled explains it)', bundle: bundleOfPreset('launchd-disabled') },
    { name: 'a machine with no gateway installed at all (no-gateway explains it)', bundle: bundleOfPreset('no-gateway') },
    { name: 'the slim transport running instead of daemon.ts', bundle: bundleOfPreset('slim-transport') },
    { name: 'launchd running the service while ps shows only a grep for it', bundle: grepOnly() },
  ],
});

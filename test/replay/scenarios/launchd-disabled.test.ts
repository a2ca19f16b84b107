import launchdDisabled from '../../../src/replay/scenarios/launchd-disabled.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { launchctlPrintDisabled } from '../../helpers/simulated-host/formats/launchctl.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** The healthy machine with the gui domain's disabled list changed (the daemon keeps running). */
function disabledGui(value: 'disabled' | 'enabled' | boolean) {
  const d = draftOf('healthy');
  d.launchd.disabledGui = launchctlPrintDisabled('gui/501', { 'com.joel.gateway': value });
  return bundleOfDraft(d);
}

testScenario(launchdDisabled, {
  fires: [
    { name: 'the launchd-disabled preset: disabled, not loaded, no process', bundle: bundleOfPreset('launchd-disabled') },
    { name: 'disabled while a manual daemon.ts still runs', bundle: disabledGui('disabled') },
    { name: 'older macOS printing "=> true" for disabled', bundle: disabledGui(true) },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'older macOS printing "=> false"', bundle: disabledGui(false) },
    { name: 'a registered service that is not running (daemon-down)', bundle: bundleOfPreset('daemon-down') },
  ],
});

import { expect } from 'vitest';
import { launchdJobId } from '../../../src/bundle/artifacts.js';
import { replay } from '../../../src/replay/index.js';
import helperJobFailing from '../../../src/replay/scenarios/helper-job-failing.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { launchdJobPlistXml } from '../../helpers/simulated-host/formats/config-files.js';
import { launchctlPrint } from '../../helpers/simulated-host/formats/launchctl.js';
import { tripwirePrint } from '../../helpers/simulated-host/presets/healthy.js';
import { minutesBefore } from '../../helpers/simulated-host/spec.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

const HEAL = 'com.joel.k8s-reboot-heal';

/** A healer script under launchd's bare PATH: bash cannot find colima, exit 127 every 180 s. */
function healScript127() {
  const d = draftOf('healthy');
  d.extraFiles[`/Users/joel/Library/LaunchAgents/${HEAL}.plist`] = {
    content: launchdJobPlistXml({ label: HEAL, programArguments: ['/bin/bash', '/Users/joel/Code/joelhooks/joelclaw/infra/k8s-reboot-heal.sh'], startInterval: 180, stdoutPath: '/Users/joel/.local/log/k8s-reboot-heal.log', stderrPath: '/Users/joel/.local/log/k8s-reboot-heal.err' }),
  };
  d.extraFiles['/Users/joel/.local/log/k8s-reboot-heal.err'] = { content: '/Users/joel/Code/joelhooks/joelclaw/infra/k8s-reboot-heal.sh: line 14: colima: command not found\n'.repeat(3), mtime: minutesBefore(1) };
  d.extraCommands.launchctl![`print gui/501/${HEAL}`] = launchctlPrint({ domain: 'gui/501', label: HEAL, state: 'not running', path: `/Users/joel/Library/LaunchAgents/${HEAL}.plist`, program: '/bin/bash', runs: 2880, lastExitCode: 127, runIntervalSec: 180, stdoutPath: '/Users/joel/.local/log/k8s-reboot-heal.log', stderrPath: '/Users/joel/.local/log/k8s-reboot-heal.err' });
  return bundleOfDraft(d);
}

/** The tripwire failed once at load (exit 1 after a single run): not over and over. */
function tripwireOnce() {
  const d = draftOf('healthy');
  d.extraCommands.launchctl!['print gui/501/com.joel.gateway-tripwire'] = { ...tripwirePrint(1), stdout: tripwirePrint(1).stdout.replace('runs = 2593', 'runs = 1') };
  return bundleOfDraft(d);
}

testScenario(helperJobFailing, {
  fires: [
    {
      name: 'com.joel.colima failing every 5 min for 6 days while Colima is up (ADR-0159)',
      bundle: bundleOfPreset('helper-job-failing'),
      check: (evidence) => {
        expect(evidence[0]?.excerpt).toBe('com.joel.colima: last exit 1 after 1728 runs, every 300 s');
        expect(evidence.at(-1)).toMatchObject({ artifact: launchdJobId('gui', 'com.joel.colima', 'stderr') });
        expect(replay(bundleOfPreset('helper-job-failing')).verdict).toMatchObject({ status: 'degraded', layer: 'substrate' });
      },
    },
    { name: 'a healer script exiting 127 (command not found) every 3 min', bundle: healScript127() },
  ],
  quiet: [
    { name: 'the healthy machine, whose tripwire exits 0 every 5 min', bundle: bundleOfPreset('healthy') },
    { name: 'a job that failed once', bundle: tripwireOnce() },
  ],
});

import { expect } from 'vitest';
import stalePidFile from '../../../src/replay/scenarios/stale-pid-file.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

function pidFile(name: string, pid: number | null) {
  const d = draftOf(name);
  d.pidFile = pid;
  d.extraFiles = {};
  return bundleOfDraft(d);
}

testScenario(stalePidFile, {
  fires: [
    {
      name: 'the stale-pid-file preset: launchd runs 4242, the file says 3999',
      bundle: bundleOfPreset('stale-pid-file'),
      check: (evidence) => expect(evidence[0]?.excerpt).toBe('pid file: 3999; running daemon: 4242'),
    },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'no pid file at all (non-fatal)', bundle: pidFile('healthy', null) },
    { name: 'a stale pid file with no daemon running (daemon-down)', bundle: pidFile('launchd-disabled', 3999) },
  ],
});

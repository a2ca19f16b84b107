import { expect } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { replay } from '../../../src/replay/index.js';
import historyBeforeRestart from '../../../src/replay/scenarios/history-before-restart.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { staleWatchdogEntries } from '../../helpers/simulated-host/presets/incident-machines.js';
import { bundleOfDraft, bundleOfPreset } from './host-bundle.js';

testScenario(historyBeforeRestart, {
  fires: [
    {
      name: 'an overnight Redis storm written 9 h ago, two restarts and a healthy hour since',
      bundle: bundleOfPreset('history-before-restart'),
      check: (evidence) => {
        expect(evidence[0]).toMatchObject({ artifact: A.gatewayErrLog.id, excerpt: 'last modified 2026-11-27T03:00:00.000Z' });
        const d = replay(bundleOfPreset('history-before-restart'));
        expect(d.verdict.status).toBe('ok');
        expect(d.scenarios.map((s) => s.id)).not.toContain('4a');
      },
    },
    { name: 'failures before a watchdog restart three hours ago (2026-03-02)', bundle: bundleOfDraft(staleWatchdogEntries()) },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'failures the watchdog restarted the daemon for 12 min ago (scenario 1: the incident itself)', bundle: bundleOfPreset('s1-streaming-race') },
    { name: 'a storm written since the running daemon started (scenario 4a)', bundle: bundleOfPreset('s4a-retry-storm') },
    { name: 'a watchdog restart announced but not yet done (scenario 3)', bundle: bundleOfPreset('s3-stuck-tool') },
  ],
});

import { expect } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { replay } from '../../../src/replay/index.js';
import historyBeforeRestart from '../../../src/replay/scenarios/history-before-restart.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { minutesBefore } from '../../helpers/simulated-host/spec.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** Scenario 1's machine three hours after the watchdog restart: its failures are history by now. */
function oldWatchdogRestart() {
  const d = draftOf('s1-streaming-race');
  d.processes = [{ ...d.processes[0]!, elapsedSec: 3 * 3600 }];
  d.lifecycle = { ...(d.lifecycle as object), requestedAt: minutesBefore(180.2), completedAt: minutesBefore(180) };
  return bundleOfDraft(d);
}

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
    { name: 'failures before a watchdog restart three hours ago', bundle: oldWatchdogRestart() },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'failures the watchdog restarted the daemon for 12 min ago (scenario 1: the incident itself)', bundle: bundleOfPreset('s1-streaming-race') },
    { name: 'a storm written since the running daemon started (scenario 4a)', bundle: bundleOfPreset('s4a-retry-storm') },
    { name: 'a watchdog restart announced but not yet done (scenario 3)', bundle: bundleOfPreset('s3-stuck-tool') },
  ],
});

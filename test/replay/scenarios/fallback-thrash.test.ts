import { expect } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import fallbackThrash from '../../../src/replay/scenarios/fallback-thrash.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { fallbackThrash as thrashMachine } from '../../helpers/simulated-host/presets/incident-machines.js';
import { bundleOfDraft, bundleOfPreset } from './host-bundle.js';

/** The thrash machine with only its transcript's swaps (the logs and OTEL of another machine). */
function swapsOnly() {
  const d = thrashMachine();
  d.gatewayErr = [];
  d.gatewayLog = bundleOfPreset('healthy').text(A.gatewayLog.id)!.split('\n').filter(Boolean);
  d.otelEvents = [];
  return bundleOfDraft(d);
}

testScenario(fallbackThrash, {
  fires: [
    {
      name: 'the last hour of 2026-03-05: 8 activations, 15 swaps, the context at 85%',
      bundle: bundleOfDraft(thrashMachine()),
      check: (evidence) => {
        expect(evidence.some((e) => /15 model_change entries/.test(e.excerpt ?? ''))).toBe(true);
        expect(evidence.at(-1)?.excerpt).toMatch(/^session pressure critical: context_ceiling/);
      },
    },
    { name: 'the transcript swaps alone', bundle: swapsOnly() },
  ],
  quiet: [
    { name: 'one fallback (scenario 2)', bundle: bundleOfPreset('s2-model-timeout') },
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
  ],
});

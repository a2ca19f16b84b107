import { expect } from 'vitest';
import s2b from '../../../src/replay/scenarios/s2b.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { otelEvent } from '../../helpers/simulated-host/formats/otel.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** Only telemetry saw the probe fail (gateway.err was rotated away), with machine and pin equal. */
function otelOnly(error: string) {
  const d = draftOf('healthy');
  d.otelEvents.push(otelEvent({ component: 'daemon.fallback', action: 'model_fallback.probe_failed', minutesAgo: 8, level: 'warn', success: false, error }));
  return bundleOfDraft(d);
}

const excerpts = (evidence: Array<{ excerpt?: string }>) => evidence.map((e) => e.excerpt ?? '').join('\n');

testScenario(s2b, {
  fires: [
    {
      name: 'the s2b preset: pi 0.74.1 on the machine, 0.70.2 pinned',
      bundle: bundleOfPreset('s2b-pi-skew'),
      check: (evidence) => {
        const text = excerpts(evidence);
        expect(text).toContain('machine pi --version: 0.74.1');
        expect(text).toContain('embedded pin: 0.70.2');
        expect(text).toContain('they differ');
        expect(text).toContain('@mariozechner/pi-coding-agent pinned 0.70.2');
      },
    },
    {
      name: 'a probe failure with model not found in OTEL only, versions equal',
      bundle: otelOnly('pi model not found: openai-codex/gpt-5.4'),
      check: (evidence) => expect(excerpts(evidence)).toContain('same version: skew is not the cause'),
    },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a probe failure that timed out', bundle: otelOnly('no streaming tokens after 120s') },
    { name: 'a plain model timeout (scenario 2)', bundle: bundleOfPreset('s2-model-timeout') },
  ],
});

import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/replay/index.js';
import s2 from '../../../src/replay/scenarios/s2.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { bunRecord } from '../../helpers/simulated-host/formats/bun.js';
import { healthResponse } from '../../helpers/simulated-host/formats/health.js';
import { PRIMARY, modelChange } from '../../helpers/simulated-host/formats/session-jsonl.js';
import { minutesBefore } from '../../helpers/simulated-host/spec.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** s2 with the fallback recovered: the primary is back in logs, /health and the transcript. */
function recovered() {
  const d = draftOf('s2-model-timeout');
  d.gatewayLog.push(bunRecord('[gateway:fallback] recovered to primary', { primary: 'openai-codex/gpt-5.6-sol' }));
  d.health = healthResponse({ fallback: { active: false } });
  d.session!.entries.push(modelChange(PRIMARY.provider, PRIMARY.model, minutesBefore(3)));
  return bundleOfDraft(d);
}

/** s2 without /health (the port file was gone): only the logs tell the fallback is on. */
function logsOnly() {
  const d = draftOf('s2-model-timeout');
  d.health = 'refused';
  return bundleOfDraft(d);
}

testScenario(s2, {
  fires: [
    { name: 'the s2 preset: timeout, activation, /health fallback active', bundle: bundleOfPreset('s2-model-timeout') },
    { name: 'an activation in the logs with no recovery and no /health', bundle: logsOnly() },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a fallback that recovered to the primary', bundle: recovered() },
    { name: 'a fallback model not found (scenario 2b)', bundle: bundleOfPreset('s2b-pi-skew') },
    { name: 'a session resumed on the fallback model with fallback inactive (scenario 2c)', bundle: bundleOfPreset('s2c-model-drift') },
    { name: 'a langfuse warning alone', bundle: bundleOfPreset('s4b-langfuse') },
  ],
});


describe('a recovered fallback', () => {
  it('fires no scenario at all', () => {
    expect(replay(recovered()).scenarios.map((m) => m.id)).toEqual([]);
  });
});

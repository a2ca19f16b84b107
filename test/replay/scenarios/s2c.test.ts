import { expect } from 'vitest';
import s2c from '../../../src/replay/scenarios/s2c.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import type { GatewayRedisState } from '../../helpers/seed-redis.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

function withConfig(name: string, config: object | undefined) {
  const d = draftOf(name);
  const redis = d.redis as GatewayRedisState;
  d.redis = { ...redis, config };
  if (config === undefined) delete (d.redis as GatewayRedisState).config;
  return bundleOfDraft(d);
}

/** No /health: the live model comes from the transcript's newest assistant message. */
function transcriptOnly() {
  const d = draftOf('s2c-model-drift');
  d.health = 'refused';
  return bundleOfDraft(d);
}

testScenario(s2c, {
  fires: [
    {
      name: 'the s2c preset: config gpt-5.6-sol, live openai-codex/gpt-5.4, fallback inactive',
      bundle: bundleOfPreset('s2c-model-drift'),
      check: (evidence) => expect(evidence[0]?.excerpt).toBe('live model openai-codex/gpt-5.4 (configured gpt-5.6-sol)'),
    },
    { name: 'a manual model switch the config does not know', bundle: withConfig('healthy', { model: 'claude-opus-4-6', fallbackProvider: 'openai-codex', fallbackModel: 'gpt-5.4' }) },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a provider-prefixed config model equal to the live one', bundle: withConfig('healthy', { model: 'openai-codex/gpt-5.6-sol' }) },
    { name: 'an active fallback (scenario 2)', bundle: bundleOfPreset('s2-model-timeout') },
    { name: 'no gateway config in Redis', bundle: withConfig('s2c-model-drift', undefined) },
    { name: 'no /health and the transcript on the fallback model (fallback cannot be told from drift)', bundle: transcriptOnly() },
  ],
});

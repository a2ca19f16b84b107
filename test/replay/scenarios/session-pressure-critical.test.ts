import { expect } from 'vitest';
import sessionPressureCritical from '../../../src/replay/scenarios/session-pressure-critical.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { assistantText, compaction, modelChange, userMessage } from '../../helpers/simulated-host/formats/session-jsonl.js';
import { minutesBefore } from '../../helpers/simulated-host/spec.js';
import { completedTurn } from '../../helpers/simulated-host/presets/healthy.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** The newest reply at `tokens` of gpt-5.6-sol's 272k window. */
function usage(tokens: number) {
  const d = draftOf('healthy');
  d.session!.entries.push(userMessage('one more', minutesBefore(2)), assistantText('Sure.', minutesBefore(1.9), { totalTokens: tokens }));
  return bundleOfDraft(d);
}

/** The case, as pi writes it: 150,500 tokens on claude-opus-4-6 (1M), then the fallback swap to gpt-5.4; no /health. */
function switchedModel() {
  const d = draftOf('healthy');
  d.health = 'refused';
  d.session!.entries.push(
    userMessage('summarize the whole week of deploys', minutesBefore(6)),
    assistantText('Here is the week in deploys: ...', minutesBefore(5.5), { model: { provider: 'anthropic', model: 'claude-opus-4-6', api: 'anthropic-messages' }, totalTokens: 150_500 }),
    modelChange('openai-codex', 'gpt-5.4', minutesBefore(5)),
  );
  return bundleOfDraft(d);
}

/** A session started 9 h ago, compacted an hour ago, at low usage: rotate for age. */
function old() {
  const d = draftOf('healthy');
  d.session!.startedAt = minutesBefore(541);
  d.session!.entries = [...completedTurn(540, 40_000, 90), compaction(90_000, minutesBefore(60)), ...completedTurn(10, 40_000, 91)];
  return bundleOfDraft(d);
}

testScenario(sessionPressureCritical, {
  fires: [
    {
      name: 'the session-pressure-critical preset: 215k of 272k tokens (79%)',
      bundle: bundleOfPreset('session-pressure-critical'),
      check: (evidence) => expect(evidence[0]?.excerpt).toContain("usage 79% of 272000 (the daemon's own figure for openai-codex/gpt-5.6-sol"),
    },
    { name: 'a session older than 8 h at low usage', bundle: old(), check: (evidence) => expect(evidence.map((e) => e.excerpt).join(' ')).toContain('session_age') },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'usage at 70% (elevated: compact, not rotate)', bundle: usage(190_000) },
    { name: '150,500 tokens on claude-opus-4-6, then a switch to gpt-5.4: 55% of its 272k', bundle: switchedModel() },
    { name: 'the slim transport, which has no transcript', bundle: bundleOfPreset('slim-transport') },
  ],
});

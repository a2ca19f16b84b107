import { expect } from 'vitest';
import sessionPressureCritical from '../../../src/replay/scenarios/session-pressure-critical.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { assistantText, compaction, userMessage } from '../../helpers/simulated-host/formats/session-jsonl.js';
import { minutesBefore } from '../../helpers/simulated-host/spec.js';
import { completedTurn } from '../../helpers/simulated-host/presets/healthy.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** The newest reply at `tokens` of a 200k window. */
function usage(tokens: number) {
  const d = draftOf('healthy');
  d.session!.entries.push(userMessage('one more', minutesBefore(2)), assistantText('Sure.', minutesBefore(1.9), { totalTokens: tokens }));
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
      name: 'the session-pressure-critical preset: 158k of 200k tokens (79%)',
      bundle: bundleOfPreset('session-pressure-critical'),
      check: (evidence) => expect(evidence[0]?.excerpt).toContain('usage 79% of 200000'),
    },
    { name: 'a session older than 8 h at low usage', bundle: old(), check: (evidence) => expect(evidence.map((e) => e.excerpt).join(' ')).toContain('session_age') },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'usage at 70% (elevated: compact, not rotate)', bundle: usage(140_000) },
    { name: 'the slim transport, which has no transcript', bundle: bundleOfPreset('slim-transport') },
  ],
});

import { expect } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { replay } from '../../../src/replay/index.js';
import contextOverflowBlackHole from '../../../src/replay/scenarios/context-overflow-black-hole.js';
import { bundleFrom } from '../../helpers/bundle-from.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { assistantText, compaction, userMessage } from '../../helpers/simulated-host/formats/session-jsonl.js';
import { PROMPT_TOO_LONG } from '../../helpers/simulated-host/presets/incident-family.js';
import { toSpec } from '../../helpers/simulated-host/presets/to-spec.js';
import { minutesBefore } from '../../helpers/simulated-host/spec.js';
import { E2E_PASSING } from './e2e-passing.js';
import { artifactsOfSpec, bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** The preset collected with --e2e: the test event drained, as it did on 2026-02-25. */
const withE2e = () => bundleFrom({ ...artifactsOfSpec(toSpec(draftOf('context-overflow-black-hole'))), ...E2E_PASSING });

/** gateway.log was not collected: the transcript's run of overflow errors alone. */
function transcriptOnly() {
  const a = artifactsOfSpec(toSpec(draftOf('context-overflow-black-hole')));
  return bundleFrom({ ...a, [A.gatewayLog.id]: { status: 'missing', reason: 'no such file' } });
}

/** One overflow, then the daemon compacted and the next prompt was answered: recovered, not a black hole. */
function recovered() {
  const d = draftOf('healthy');
  d.session!.entries.push(
    userMessage('still there?', minutesBefore(4)),
    assistantText('', minutesBefore(3.9), { stopReason: 'error', errorMessage: PROMPT_TOO_LONG, totalTokens: 0 }),
    compaction(199_000, minutesBefore(3.5)),
    userMessage('still there?', minutesBefore(3.4)),
    assistantText('Yes, compacted and back.', minutesBefore(3.3), { totalTokens: 70_000 }),
  );
  return bundleOfDraft(d);
}

testScenario(contextOverflowBlackHole, {
  fires: [
    {
      name: 'the 2026-02-25 machine: six prompts persisted, dispatched, acked, each rejected as over the context window, gateway.err clean',
      bundle: bundleOfPreset('context-overflow-black-hole'),
      check: (evidence) => {
        expect(evidence[0]).toMatchObject({ artifact: A.gatewayLog.id });
        expect(evidence.some((e) => e.artifact === A.sessionTranscript.id && /context_length_exceeded/.test(e.excerpt ?? ''))).toBe(true);
        expect(evidence.some((e) => e.artifact === A.redisMessagesStream.id)).toBe(true);
      },
    },
    {
      name: 'the same machine collected with --e2e, where the test event drains',
      bundle: withE2e(),
      check: () => {
        const d = replay(withE2e());
        expect(d.layers.find((l) => l.id === 'e2e')?.status).toBe('ok');
        expect(d.verdict).toMatchObject({ status: 'failed', layer: 'stdout-log' });
      },
    },
    { name: 'the transcript alone, when gateway.log was not collected', bundle: transcriptOnly() },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'one overflow that compaction recovered from', bundle: recovered() },
    { name: 'provider auth expired (2a: the errors are thrown and logged)', bundle: bundleOfPreset('s2a-auth-expired') },
  ],
});

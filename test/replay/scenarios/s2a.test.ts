import { expect } from 'vitest';
import s2a from '../../../src/replay/scenarios/s2a.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { assistantText, userMessage } from '../../helpers/simulated-host/formats/session-jsonl.js';
import { promptFailed } from '../../helpers/simulated-host/presets/records.js';
import { minutesBefore } from '../../helpers/simulated-host/spec.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

const CODEX_AUTH = `Authentication failed for "openai-codex". Credentials may have expired or network is unavailable. Run '/login openai-codex' to re-authenticate.`;

/** The provider error only in the transcript (gateway.err rotated away). */
function transcriptOnly() {
  const d = draftOf('healthy');
  d.session!.entries.push(userMessage('ping', minutesBefore(3)), assistantText('', minutesBefore(2.9), { stopReason: 'error', errorMessage: CODEX_AUTH, totalTokens: 0 }));
  return bundleOfDraft(d);
}

function rateLimited() {
  const d = draftOf('healthy');
  d.gatewayErr = [promptFailed('429 Too Many Requests: rate_limit_error', 1)];
  return bundleOfDraft(d);
}

testScenario(s2a, {
  fires: [
    {
      name: 'the s2a preset: anthropic auth failures and a queue that does not drain',
      bundle: bundleOfPreset('s2a-auth-expired'),
      check: (evidence) => {
        const text = evidence.map((e) => e.excerpt ?? '').join('\n');
        expect(text).toContain('/login anthropic');
        expect(text).toMatch(/joelclaw:events:gateway: 3 event\(s\) not drained/);
        expect(text).toMatch(/2 unacked message/);
      },
    },
    {
      name: 'an openai-codex auth error in the transcript only',
      bundle: transcriptOnly(),
      check: (evidence) => expect(evidence.map((e) => e.excerpt ?? '').join('\n')).toContain('/login openai-codex'),
    },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a rate-limited prompt failure', bundle: rateLimited() },
    { name: 'a model timeout (scenario 2)', bundle: bundleOfPreset('s2-model-timeout') },
  ],
});

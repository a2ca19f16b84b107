import { expect } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import blackHole from '../../../src/replay/scenarios/black-hole.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { type HostDraft } from '../../helpers/simulated-host/presets/draft.js';
import { AUTH_EXPIRED, promptFailed, turnRecords } from '../../helpers/simulated-host/presets/records.js';
import { rateLimitedOnMessageEnd, slowModelNoFallback } from '../../helpers/simulated-host/presets/incident-machines.js';
import { msBefore } from '../../helpers/simulated-host/spec.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** The healthy machine, then messages at these minutes dispatched with no `response ready` after them. */
function mute(minutes: number[]): HostDraft {
  const d = draftOf('healthy');
  d.gatewayLog.push(...minutes.flatMap((m) => turnRecords(msBefore(m)).slice(0, 3)));
  return d;
}

/** The same mute run while gateway.err names the cause (auth expired): 2a explains it. */
function authLogged() {
  const d = mute([6, 4]);
  d.gatewayErr = [promptFailed(AUTH_EXPIRED, 1), promptFailed(AUTH_EXPIRED, 2)];
  return bundleOfDraft(d);
}

testScenario(blackHole, {
  fires: [
    { name: 'a model that never answers, before there was a fallback (2026-02-21)', bundle: bundleOfDraft(slowModelNoFallback()) },
    {
      name: 'rate limits resolved on message_end, gateway.err clean',
      bundle: bundleOfDraft(rateLimitedOnMessageEnd()),
      check: (evidence) => expect(evidence.find((e) => e.artifact === A.sessionTranscript.id)?.excerpt).toContain('rate_limit_error'),
    },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'the context overflow (its own scenario names the cause)', bundle: bundleOfPreset('context-overflow-black-hole') },
    { name: 'a mute run whose cause gateway.err names (auth expired)', bundle: authLogged() },
    { name: 'one prompt in flight at capture', bundle: bundleOfDraft(mute([1])) },
  ],
});

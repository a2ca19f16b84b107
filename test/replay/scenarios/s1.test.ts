import s1 from '../../../src/replay/scenarios/s1.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { bunRecord } from '../../helpers/simulated-host/formats/bun.js';
import { ALREADY_PROCESSING, AUTH_EXPIRED, USER_SOURCE, promptFailed } from '../../helpers/simulated-host/presets/records.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

const withErr = (records: string[]) => {
  const d = draftOf('healthy');
  d.gatewayErr = records;
  return bundleOfDraft(d);
};
const retry = (attempt: number) => bunRecord('command-queue: session still streaming, retrying', { attempt, source: USER_SOURCE, delayMs: 2000 });
const dead = bunRecord('[gateway:watchdog] session appears dead — too many consecutive prompt failures', { consecutiveFailures: 3, threshold: 3 });

testScenario(s1, {
  fires: [
    { name: 'the s1 preset: busy session, retries, watchdog dead-session restart', bundle: bundleOfPreset('s1-streaming-race') },
    { name: 'busy prompt failures after streaming retries, no compaction nearby', bundle: withErr([retry(1), retry(2), promptFailed(ALREADY_PROCESSING, 1)]) },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a busy session right after a compaction (scenario 5 explains it)', bundle: bundleOfPreset('s5-compaction-race') },
    { name: 'a busy prompt failure alone, with no retry or watchdog', bundle: withErr([promptFailed(ALREADY_PROCESSING, 1)]) },
    { name: 'a dead session from auth failures, not a streaming race', bundle: withErr([promptFailed(AUTH_EXPIRED, 1), promptFailed(AUTH_EXPIRED, 2), promptFailed(AUTH_EXPIRED, 3), dead]) },
    { name: 'a langfuse warning alone', bundle: bundleOfPreset('s4b-langfuse') },
  ],
});

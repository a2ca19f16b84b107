import heartbeatStale from '../../../src/replay/scenarios/heartbeat-stale.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import type { GatewayRedisState } from '../../helpers/seed-redis.js';
import { minutesBefore, msBefore } from '../../helpers/simulated-host/spec.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

function asleep() {
  const d = draftOf('heartbeat-stale');
  d.redis = { ...(d.redis as GatewayRedisState), mode: 'sleep' };
  return bundleOfDraft(d);
}

/** The daemon restarted 10 min ago; the file is 40 min old (startup grace: the tripwire does not alert). */
function justStarted() {
  const d = draftOf('healthy');
  d.heartbeat = { ms: msBefore(40), mtime: minutesBefore(40) };
  d.processes = [{ ...d.processes[0]!, elapsedSec: 600 }];
  return bundleOfDraft(d);
}

testScenario(heartbeatStale, {
  fires: [{ name: 'the heartbeat-stale preset: 3 h old while up 6 h', bundle: bundleOfPreset('heartbeat-stale') }],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'the same stale file in sleep mode', bundle: asleep() },
    { name: 'a daemon younger than the 1800 s startup grace', bundle: justStarted() },
    { name: 'a dead daemon whose heartbeat stopped with it (daemon-down)', bundle: bundleOfPreset('daemon-down') },
  ],
});

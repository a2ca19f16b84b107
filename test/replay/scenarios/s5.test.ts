import s5 from '../../../src/replay/scenarios/s5.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { otelEvent } from '../../helpers/simulated-host/formats/otel.js';
import { compaction } from '../../helpers/simulated-host/formats/session-jsonl.js';
import { minutesBefore } from '../../helpers/simulated-host/spec.js';
import { ALREADY_PROCESSING, promptFailed } from '../../helpers/simulated-host/presets/records.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** A compaction 30 min ago between completed turns, and a busy failure OTEL places `minutesAgo`. */
function otelAfterCompaction(minutesAgo: number) {
  const d = draftOf('healthy');
  d.session!.entries.push(compaction(130_000, minutesBefore(30)));
  d.session!.entries.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  d.gatewayErr = [promptFailed(ALREADY_PROCESSING, 1)];
  d.otelEvents.push(otelEvent({ component: 'command-queue', action: 'queue.prompt.failed', minutesAgo, level: 'error', success: false, error: ALREADY_PROCESSING }));
  return bundleOfDraft(d);
}

testScenario(s5, {
  fires: [
    { name: 'the s5 preset: compaction after a completed turn, then already processing', bundle: bundleOfPreset('s5-compaction-race') },
    { name: 'a busy failure in OTEL 3 min after a compaction', bundle: otelAfterCompaction(27) },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a streaming race the watchdog ended (scenario 1)', bundle: bundleOfPreset('s1-streaming-race') },
    { name: 'a busy failure 18 min after the last compaction, turns completed since', bundle: otelAfterCompaction(12) },
  ],
});

import s3 from '../../../src/replay/scenarios/s3.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import { bunRecord } from '../../helpers/simulated-host/formats/bun.js';
import { assistantToolCall, userMessage } from '../../helpers/simulated-host/formats/session-jsonl.js';
import { minutesBefore } from '../../helpers/simulated-host/spec.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** A bash tool call left without a result `minutes` before capture, from a telegram prompt. */
function hangingTool(minutes: number) {
  const d = draftOf('healthy');
  d.session!.entries.push(
    userMessage('tail the deploy log', minutesBefore(minutes + 0.2)),
    assistantToolCall('call_tail', 'bash', { command: 'kubectl logs -f deploy/web' }, minutesBefore(minutes), { totalTokens: 63_000 }),
  );
  return bundleOfDraft(d);
}

function idleWaiter() {
  const d = draftOf('healthy');
  d.gatewayErr = [bunRecord('[gateway] idle waiter timed out — releasing drain lock', { timeoutMs: 300_000, promptAgeMs: 301_000, waitElapsedMs: 300_000, maintenanceActive: false })];
  return bundleOfDraft(d);
}

testScenario(s3, {
  fires: [
    { name: 'the s3 preset: watchdog stuck, recovery timeout, hanging bash call', bundle: bundleOfPreset('s3-stuck-tool') },
    { name: 'a tool call hanging 14 min in the transcript only', bundle: hangingTool(14) },
    { name: 'an idle waiter timeout', bundle: idleWaiter() },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a tool call running for 1 min (in progress)', bundle: hangingTool(1) },
    { name: 'an unanswered prompt after a compaction (scenario 5, not a tool)', bundle: bundleOfPreset('s5-compaction-race') },
    { name: 'a langfuse warning alone', bundle: bundleOfPreset('s4b-langfuse') },
  ],
});

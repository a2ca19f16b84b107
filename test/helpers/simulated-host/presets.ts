import { callKey, collectConsoleCalls, type ConsoleCall } from './formats/bun.js';
import type { HostDraft } from './presets/draft.js';
import { s4bLangfuse, s4cTelegramConflict, s7ConsoleForwardSuppressed } from './presets/channel-family.js';
import { healthyDraft } from './presets/healthy.js';
import { contextOverflowBlackHole, helperJobFailing, historyBeforeRestart, noGateway, stormElsewhere } from './presets/incident-family.js';
import * as incidentMachines from './presets/incident-machines.js';
import { s2aAuthExpired, s2bPiSkew, s2cModelDrift, s2ModelTimeout } from './presets/model-family.js';
import { daemonDown, heartbeatStale, launchdDisabled, stalePidFile } from './presets/process-family.js';
import { s1StreamingRace, s5CompactionRace, s6FalseDedup } from './presets/queue-family.js';
import { s0Substrate, s4aRetryStorm, s4RedisDegraded } from './presets/redis-family.js';
import { sessionPressureCritical, s3StuckTool } from './presets/session-family.js';
import { legacyDaemonPolling, slimTransport } from './presets/slim-family.js';
import { toSpec } from './presets/to-spec.js';
import type { SimulatedHostSpec } from './spec.js';

// Named machines for collect tests, replay tests and the example fixture bundles: `healthy`, one per known
// failure scenario of the hand procedure (s0 .. s7, ids as in SKILL "Known Failure Scenarios"), and our own.
// Each is a small variation of healthy showing exactly the evidence the procedure names.

export { PLANTED_SECRETS, FAKE } from './secrets.js';
export { CAPTURED_AT, SOURCE_DATE_EPOCH } from './spec.js';
export type { HostDraft } from './presets/draft.js';
export { healthyDraft } from './presets/healthy.js';
export { toSpec } from './presets/to-spec.js';

/** Draft builders by preset name (for tests that change one more part before rendering). */
export const PRESET_DRAFTS: Record<string, () => HostDraft> = {
  healthy: healthyDraft,
  's0-substrate': s0Substrate,
  's1-streaming-race': s1StreamingRace,
  's2-model-timeout': s2ModelTimeout,
  's2a-auth-expired': s2aAuthExpired,
  's2b-pi-skew': s2bPiSkew,
  's2c-model-drift': s2cModelDrift,
  's3-stuck-tool': s3StuckTool,
  's4-redis-degraded': s4RedisDegraded,
  's4a-retry-storm': s4aRetryStorm,
  's4b-langfuse': s4bLangfuse,
  's4c-telegram-conflict': s4cTelegramConflict,
  's5-compaction-race': s5CompactionRace,
  's6-false-dedup': s6FalseDedup,
  's7-console-forward-suppressed': s7ConsoleForwardSuppressed,
  'launchd-disabled': launchdDisabled,
  'daemon-down': daemonDown,
  'stale-pid-file': stalePidFile,
  'heartbeat-stale': heartbeatStale,
  'session-pressure-critical': sessionPressureCritical,
  'slim-transport': slimTransport,
  'legacy-daemon-polling': legacyDaemonPolling,
  'no-gateway': noGateway,
  'context-overflow-black-hole': contextOverflowBlackHole,
  'history-before-restart': historyBeforeRestart,
  'helper-job-failing': helperJobFailing,
  'storm-elsewhere': stormElsewhere,
};

/** Every preset as a plain SimulatedHostSpec, built fresh on each call. */
export const PRESETS: Record<string, () => SimulatedHostSpec> = Object.fromEntries(
  Object.entries(PRESET_DRAFTS).map(([name, draft]) => [name, () => toSpec(draft())]),
);

/** The machines of the incident record that are not example presets (test/replay/incidents.test.ts replays them). */
const INCIDENT_MACHINES = Object.values(incidentMachines).filter((v): v is () => HostDraft => typeof v === 'function');

/** Every distinct console call the presets and incident machines make, sorted by key (what bun/console-corpus.json must hold). */
export function presetConsoleCalls(): ConsoleCall[] {
  const calls = collectConsoleCalls(() => {
    for (const draft of [...Object.values(PRESET_DRAFTS), ...INCIDENT_MACHINES]) draft();
  });
  const unique = new Map(calls.map((c) => [callKey(c), c]));
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

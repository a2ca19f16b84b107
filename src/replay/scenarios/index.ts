import type { ReplayContext } from '../context.js';
import type { LayerResult, Scenario, ScenarioMatch } from '../types.js';
import agentLoopDown from './agent-loop-down.js';
import blackHole from './black-hole.js';
import contextOverflowBlackHole from './context-overflow-black-hole.js';
import daemonDown from './daemon-down.js';
import fallbackThrash from './fallback-thrash.js';
import heartbeatStale from './heartbeat-stale.js';
import heartbeatStarvation from './heartbeat-starvation.js';
import helperJobFailing from './helper-job-failing.js';
import historyBeforeRestart from './history-before-restart.js';
import launchdDisabled from './launchd-disabled.js';
import legacyDaemonPolling from './legacy-daemon-polling.js';
import noGateway from './no-gateway.js';
import s0 from './s0.js';
import s1 from './s1.js';
import s2 from './s2.js';
import s2a from './s2a.js';
import s2b from './s2b.js';
import s2c from './s2c.js';
import s3 from './s3.js';
import s4 from './s4.js';
import s4a from './s4a.js';
import s4b from './s4b.js';
import s4c from './s4c.js';
import s5 from './s5.js';
import s6 from './s6.js';
import s7 from './s7.js';
import sessionPressureCritical from './session-pressure-critical.js';
import slimTransport from './slim-transport.js';
import stalePidFile from './stale-pid-file.js';
import stormElsewhere from './storm-elsewhere.js';

// The known-failure catalog: the hand procedure's scenarios in its order (0 .. 7 with 2a-2c, 4a-4c), then our
// own alphabetically. test/replay/scenarios/index.test.ts checks every file here is listed and tested.

/** Every scenario, in report order. */
export const SCENARIOS: readonly Scenario[] = [
  s0, s1, s2, s2a, s2b, s2c, s3, s4, s4a, s4b, s4c, s5, s6, s7,
  agentLoopDown,
  blackHole,
  contextOverflowBlackHole,
  daemonDown,
  fallbackThrash,
  heartbeatStale,
  heartbeatStarvation,
  helperJobFailing,
  historyBeforeRestart,
  launchdDisabled,
  legacyDaemonPolling,
  noGateway,
  sessionPressureCritical,
  slimTransport,
  stalePidFile,
  stormElsewhere,
];

/** Evidence kept per match: enough to cite, short enough for one GitHub comment. */
export const MAX_EVIDENCE = 12;

/** Told about a scenario that threw or fired without evidence (a bug): replay goes on without it. */
export type ScenarioFault = (scenario: Scenario, error: unknown) => void;

// Why: the report lists every known scenario the bundle shows; one buggy matcher must never sink the replay.
export function matchScenarios(
  ctx: ReplayContext,
  layers: readonly LayerResult[],
  onFault: ScenarioFault = () => {},
  scenarios: readonly Scenario[] = SCENARIOS,
): ScenarioMatch[] {
  const out: ScenarioMatch[] = [];
  for (const s of scenarios) {
    let evidence;
    try {
      evidence = s.match(ctx, layers);
    } catch (e) {
      onFault(s, e);
      continue;
    }
    if (evidence === null) continue;
    if (evidence.length === 0) {
      onFault(s, new Error(`scenario ${s.id} fired without evidence`));
      continue;
    }
    out.push({ id: s.id, title: s.title, cause: s.cause, fix: [...s.fix], evidence: evidence.slice(0, MAX_EVIDENCE), layer: s.layer });
  }
  return out;
}

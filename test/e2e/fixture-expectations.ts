import type { LayerId, LayerStatus } from '../../src/replay/types.js';

// What each example bundle must be diagnosed as, written from the hand procedure (gateway-diagnose SKILL:
// "Stop and report at the first failure", its layer order and its "Known Failure Scenarios") and the
// real severities of the facts doc (§2.4, §6), not from what the code prints. The verdict is the first
// failed layer in procedure order, else the first degraded one. Every layer's status and the exact set of
// scenarios are pinned: a scenario that starts firing, or a layer that starts judging differently, is a change
// someone must write down here.

/** Every layer of a healthy host: e2e and model-api are opt-in checks, not requested by the fixtures. */
export const HEALTHY_LAYERS: Readonly<Record<LayerId, LayerStatus>> = {
  substrate: 'ok',
  process: 'ok',
  'cli-status': 'ok',
  'error-log': 'ok',
  'stdout-log': 'ok',
  e2e: 'skipped',
  session: 'ok',
  otel: 'ok',
  'model-api': 'skipped',
  redis: 'ok',
};

/** The diagnosis one preset's bundle must give. */
export interface FixtureExpectation {
  status: 'ok' | 'degraded' | 'failed';
  layer: LayerId | null;
  /** Exactly the scenario ids that fire (healthy: none). */
  scenarios: string[];
  /** The layers whose status differs from HEALTHY_LAYERS; every other layer must be as on a healthy host. */
  layers: Partial<Record<LayerId, LayerStatus>>;
  /** Why, in the procedure's words. */
  why: string;
}

/** Every layer's status a preset must give: HEALTHY_LAYERS with its differences. */
export const expectedLayers = (e: FixtureExpectation): Record<LayerId, LayerStatus> => ({ ...HEALTHY_LAYERS, ...e.layers });

export const FIXTURE_EXPECTATIONS: Record<string, FixtureExpectation> = {
  healthy: { status: 'ok', layer: null, scenarios: [], layers: {}, why: 'every layer of the procedure passes' },
  's0-substrate': {
    status: 'failed', layer: 'substrate', scenarios: ['0', '4'], layers: { substrate: 'failed', 'cli-status': 'degraded', 'error-log': 'degraded', otel: 'degraded', redis: 'degraded' },
    why: 'layer -1: colima is not running / kubectl refused, so gateway and Redis symptoms are secondary; Redis lives in that cluster, so the daemon runs redis_degraded and scenario 4 fires beside 0',
  },
  's1-streaming-race': {
    status: 'degraded', layer: 'error-log', scenarios: ['1'], layers: { 'error-log': 'degraded', 'stdout-log': 'degraded', otel: 'degraded' },
    why: 'layer 2: "Agent is already processing" and "session appears dead" are in gateway.err, but the watchdog restarted the daemon and gateway.log shows responses delivered after it; the procedure\'s "confirm failures stop" and the replay issue\'s near-miss (a stale watchdog line followed by healthy delivery is degraded, not failed)',
  },
  's2-model-timeout': {
    status: 'failed', layer: 'error-log', scenarios: ['2'], layers: { 'error-log': 'failed', 'stdout-log': 'degraded', otel: 'degraded' },
    why: 'layer 2: "no streaming tokens after 120s" (model-timeout, error) and fallback activated',
  },
  's2a-auth-expired': {
    status: 'failed', layer: 'error-log', scenarios: ['2a'], layers: { 'error-log': 'failed', session: 'degraded', otel: 'degraded', redis: 'degraded' },
    why: 'layer 2: Authentication failed for "anthropic" rejects every prompt; queued events never answered',
  },
  's2b-pi-skew': {
    status: 'failed', layer: 'error-log', scenarios: ['2b'], layers: { 'error-log': 'failed', otel: 'degraded' },
    why: 'layer 2: fallback model not found / probe failed: the configured model recovery is broken',
  },
  's2c-model-drift': {
    status: 'degraded', layer: 'cli-status', scenarios: ['2c'], layers: { 'cli-status': 'degraded' },
    why: 'layer 1 looks healthy but the live model differs from joelclaw:gateway:config: a real runtime issue, not an outage',
  },
  's3-stuck-tool': {
    status: 'failed', layer: 'error-log', scenarios: ['3'], layers: { 'cli-status': 'degraded', 'error-log': 'failed', session: 'failed', otel: 'degraded' },
    why: 'layer 2: watchdog "session appears stuck" and "stuck recovery timed out" (error severity)',
  },
  's4-redis-degraded': {
    status: 'degraded', layer: 'cli-status', scenarios: ['4'], layers: { 'cli-status': 'degraded', 'error-log': 'degraded', otel: 'degraded', redis: 'degraded' },
    why: 'layer 1: mode redis_degraded with degraded capabilities; "do not call that a full outage" while process/session work',
  },
  's4a-retry-storm': {
    status: 'failed', layer: 'error-log', scenarios: ['4a'], layers: { 'error-log': 'failed', otel: 'degraded' },
    why: 'layer 2: MaxRetriesPerRequestError flood and unhandled rejections in gateway.err',
  },
  's4b-langfuse': {
    status: 'degraded', layer: 'error-log', scenarios: ['4b'], layers: { 'error-log': 'degraded' },
    why: 'layer 2: the langfuse warning is "observability degradation, not message-path outage"',
  },
  's4c-telegram-conflict': {
    status: 'degraded', layer: 'cli-status', scenarios: ['4c'], layers: { 'cli-status': 'degraded', 'error-log': 'degraded', otel: 'degraded' },
    why: 'layer 1 channel health: polling retrying_conflict marks the Telegram contract degraded',
  },
  's5-compaction-race': {
    status: 'failed', layer: 'error-log', scenarios: ['5'], layers: { 'error-log': 'failed', session: 'failed', otel: 'degraded' },
    why: 'layer 2: "Agent is already processing" right after a turn and an auto-compaction',
  },
  's6-false-dedup': {
    status: 'degraded', layer: 'otel', scenarios: ['6'], layers: { otel: 'degraded' },
    why: 'layer 6: queue.dedup_dropped / message.dedup_dropped fire (layer 3 does not look at dedup lines)',
  },
  's7-console-forward-suppressed': {
    status: 'degraded', layer: 'otel', scenarios: ['7'], layers: { otel: 'degraded' },
    why: 'layer 6: outbound.console_forward.suppressed_policy paired with background responses, none sent',
  },
  'launchd-disabled': {
    status: 'failed', layer: 'process', scenarios: ['launchd-disabled'], layers: { process: 'failed', 'cli-status': 'failed' },
    why: 'layer 0: "com.joel.gateway" => disabled and no daemon process; layer 1: /health does not answer, so `gateway status` says the daemon is unreachable',
  },
  'daemon-down': {
    status: 'failed', layer: 'process', scenarios: ['daemon-down'], layers: { process: 'failed', 'cli-status': 'failed', 'error-log': 'failed' },
    why: 'layer 0: launchd service not running and no daemon process: gateway down; gateway.err holds the startup guard that stopped it (error severity); layer 1: /health does not answer, so `gateway status` says the daemon is unreachable',
  },
  'stale-pid-file': {
    status: 'degraded', layer: 'process', scenarios: ['stale-pid-file'], layers: { process: 'degraded' },
    why: 'layer 0: launchd PID differs from the PID file: stale PID file (degraded, not fatal)',
  },
  'heartbeat-stale': {
    status: 'degraded', layer: 'process', scenarios: ['heartbeat-stale'], layers: { process: 'degraded' },
    why: 'the tripwire is updated every 15 min; 3 h old while the daemon runs means the heartbeat stopped',
  },
  'session-pressure-critical': {
    status: 'degraded', layer: 'cli-status', scenarios: ['session-pressure-critical'], layers: { 'cli-status': 'degraded', 'error-log': 'degraded', session: 'degraded' },
    why: 'layer 1 sessionPressure: 79% context is past the 75% rotation threshold (critical, rotate)',
  },
  'slim-transport': {
    status: 'ok', layer: null, scenarios: ['slim-transport'], layers: { session: 'skipped' },
    why: 'the slim transport is healthy by its own lights; legacy-only checks do not apply',
  },
  'no-gateway': {
    status: 'failed', layer: 'process', scenarios: ['no-gateway'],
    layers: { process: 'failed', 'cli-status': 'failed', 'error-log': 'unknown', 'stdout-log': 'unknown', session: 'unknown', otel: 'unknown', redis: 'degraded' },
    why: 'no plist, no launchd service, no process, no gateway files, no /health: "no gateway on this machine" (joelclaw b71f5aa3: a host that does not carry a service is not a host where it failed); the Redis that answers holds none of its keys',
  },
  'context-overflow-black-hole': {
    status: 'failed', layer: 'stdout-log', scenarios: ['context-overflow-black-hole', 'session-pressure-critical'],
    layers: { 'cli-status': 'degraded', 'stdout-log': 'failed', session: 'failed' },
    why: 'layer 3: six messages received, persisted and dispatched with no `response ready` after any of them; gateway.err is clean and the queue acked them, which is the owner\'s "black hole" (ADR-0141): a mute gateway is a failure; the overflowed context is past the rotation threshold too (session pressure critical), and the session\'s prompts end in errors',
  },
  'history-before-restart': {
    status: 'ok', layer: null, scenarios: ['history-before-restart'], layers: {},
    why: 'gateway.err holds an overnight Redis storm written 9 h ago, before two restarts; the running daemon wrote nothing there and every layer since is healthy: history, "before the last restart", not a failure (the false alarm of joelclaw ca66a98f)',
  },
  'helper-job-failing': {
    status: 'degraded', layer: 'substrate', scenarios: ['helper-job-failing'], layers: { substrate: 'degraded' },
    why: 'layer -1: Colima and the cluster are up, but com.joel.colima, the job that brings Colima back, exits non-zero on every one of 1728 runs (ADR-0159: 6 days, every 5 min, launchd PATH without Homebrew)',
  },
  'storm-elsewhere': {
    status: 'ok', layer: null, scenarios: ['storm-elsewhere'], layers: {},
    why: 'a negative control: inngest-0 logs a retry storm (joelclaw 9fab44a1) while every gateway layer is clean; the report ends clean, with a note that the errors are another service\'s',
  },
  'legacy-daemon-polling': {
    status: 'degraded', layer: 'process', scenarios: ['4c', 'legacy-daemon-polling', 'slim-transport'], layers: { process: 'degraded', 'error-log': 'degraded', session: 'unknown' },
    why: 'layer 0: a daemon process alive outside launchd next to the live runtime (manual run / drift); with no pi session directory the legacy daemon\'s session is unknown, and two pollers of one bot token give Telegram 409s (4c)',
  },
};

import { LAYER_IDS, type Diagnosis, type LayerId, type LayerResult } from '../../src/replay/types.js';

// Hand-built Diagnosis objects for the renderer tests (knip's baseCounters): spread a base and override only
// what the test is about. Seed layers follow the contract's table.

export const SEED: Record<LayerId, number> = {
  substrate: -1, process: 0, 'cli-status': 1, 'error-log': 2, 'stdout-log': 3, e2e: 4, session: 5, otel: 6, 'model-api': 7, redis: 8,
};

/** One layer result, ok unless overridden. */
export const layer = (id: LayerId, over: Partial<LayerResult> = {}): LayerResult => ({
  id, seedLayer: SEED[id], title: `${id} layer`, status: 'ok', detail: `${id} looks fine`, findings: [], ...over,
});

/** A healthy diagnosis: every layer ok, no patterns, a short timeline, Redis and session summaries. */
export function baseDiagnosis(over: Partial<Diagnosis> = {}): Diagnosis {
  return {
    bundle: { sha256: 'a'.repeat(64), collectedAt: '2026-11-27T12:00:00.000Z', host: 'mac-mini', toolVersion: '0.1.0' },
    verdict: { status: 'ok', layer: null, summary: 'no layer failed or degraded' },
    layers: LAYER_IDS.map((id) => layer(id)),
    // what replay hands over for a healthy /health: the real diagnose's always-present L1, L2, L4 and L7
    diagnoseLayers: (['process', 'cli-status', 'interruptibility', 'operator-tracing'] as const).map((name) => ({ layer: name, status: 'ok' as const, detail: `${name} looks fine`, findings: [] })),
    scenarios: [],
    patterns: [],
    timeline: [
      { at: '2026-11-27T11:10:00.000Z', source: 'gateway.log', text: '[gateway] daemon started', artifact: 'files/gateway.log', line: 3 },
      { at: '2026-11-27T11:50:00.000Z', source: 'session', text: 'turn completed', artifact: 'files/session.jsonl', line: 40 },
      { at: '2026-11-27T12:00:00.000Z', source: 'capture', text: 'bundle captured', capture: true },
    ],
    session: {
      sessionId: 's-1', file: 'files/session.jsonl', entries: 80, turns: 12, userPrompts: 12, unanswered: 0, errors: 0, toolErrors: 0,
      modelChanges: [{ at: '2026-11-27T11:00:00.000Z', model: 'openai-codex/gpt-5.6-sol' }], compactions: 1,
      currentModel: 'openai-codex/gpt-5.6-sol', contextTokens: 50_000, contextWindow: 200_000, contextWindowWhy: "the daemon's default of 200000: no model in force is known", usagePercent: 25, sessionAgeHours: 3.5,
      lastCompactionAgeMinutes: 40, pressure: 'ok',
      lastExchange: [{ at: '2026-11-27T11:50:00.000Z', role: 'user', preview: 'hi' }, { at: '2026-11-27T11:50:05.000Z', role: 'assistant', preview: 'hello' }],
      hangingTurn: null,
      unansweredTurns: [],
    },
    redis: {
      reachable: true, mode: 'normal', sessions: ['gateway'], eventQueues: [{ key: 'joelclaw:events:gateway', length: 0 }],
      stream: { length: 0, unacked: 0, oldestAgeMinutes: null, staleOnReplay: 0 }, config: { primaryModel: 'gpt-5.6-sol' },
    },
    collection: {
      artifacts: 48, missing: ['cmd/e2e-gateway-test'], timedOut: [], truncated: ['files/gateway.err'], errors: [],
      redactions: { enabled: true, totals: { 'telegram-bot-token': 2 }, byArtifact: { 'files/launchagent.plist': { 'telegram-bot-token': 2 } } },
      options: { hours: 1, maxSizeBytes: 25_000_000, redact: true, e2e: false },
      absent: { 'cmd/e2e-gateway-test': 'cmd/e2e-gateway-test was not collected (missing: not requested)' },
    },
    runtime: 'legacy',
    machine: {
      pi: { machine: '0.70.2', pinned: '0.70.2' },
      model: { configured: 'gpt-5.6-sol', live: 'openai-codex/gpt-5.6-sol', fallback: 'openai-codex/gpt-5.4', fallbackActive: false },
      launchd: { state: 'running', runs: 2, lastExitCode: '(never exited)' },
      daemon: { pid: '4242', alive: true, uptimeSec: 3660 },
      heartbeatAgeSec: 300,
      restarts: { lifecycle: null, operator: null },
      plist: { program: ['/Users/joel/.joelclaw/scripts/gateway-start.sh'], environmentNames: ['HOME', 'TELEGRAM_BOT_TOKEN'] },
    },
    ...over,
  };
}

/** The error-log layer failed with a pattern, a scenario and an excerpt; stdout-log degraded. */
export function failedDiagnosis(): Diagnosis {
  const base = baseDiagnosis();
  const errorLog = layer('error-log', {
    status: 'failed',
    detail: '2 pattern(s) found in gateway.err',
    findings: [{
      messageId: 'pattern', text: 'session appears stuck ×3', severity: 'error',
      evidence: [{ artifact: 'files/gateway.err', line: 120, excerpt: '[gateway:watchdog] session appears stuck — attempting abort {\n  idleMs: 600000,\n}' }],
    }],
  });
  const stdout = layer('stdout-log', { status: 'degraded', detail: 'on fallback model', findings: [{ messageId: 'fb', text: 'fallback active', evidence: [{ artifact: 'files/gateway.log', line: 9 }] }] });
  return {
    ...base,
    verdict: { status: 'failed', layer: 'error-log', summary: 'error-log failed: 2 pattern(s) found in gateway.err (1 failed, 1 degraded)' },
    layers: base.layers.map((l) => (l.id === 'error-log' ? errorLog : l.id === 'stdout-log' ? stdout : l)),
    scenarios: [{ id: '3', title: 'Session stuck', cause: 'a turn never ended', fix: ['joelclaw gateway restart', 'watch gateway.err'], evidence: [{ artifact: 'files/gateway.err', line: 120 }], layer: 'error-log' }],
    patterns: [
      { id: 'watchdog-stuck', label: 'watchdog: session appears stuck', severity: 'error', count: 3, artifact: 'files/gateway.err', lastLine: 120, lastText: '[gateway:watchdog] session appears stuck — attempting abort {', lines: [80, 100, 120] },
      { id: 'streaming-retry', label: 'session still streaming', severity: 'warn', count: 2, artifact: 'files/gateway.err', lastLine: 90, lastText: 'command-queue: session still streaming, retrying {', lines: [60, 90] },
    ],
    timeline: [
      { at: '2026-11-27T11:10:00.000Z', source: 'gateway.log', text: '[gateway] daemon started', artifact: 'files/gateway.log', line: 3 },
      { at: '2026-11-27T11:20:00.000Z', source: 'gateway.err', text: '[gateway:fallback] activated', artifact: 'files/gateway.err', line: 50 },
      { at: '2026-11-27T11:40:00.000Z', source: 'gateway.err', text: 'session appears stuck', artifact: 'files/gateway.err', line: 118 },
      { at: '2026-11-27T12:00:00.000Z', source: 'capture', text: 'bundle captured', capture: true },
    ],
  };
}

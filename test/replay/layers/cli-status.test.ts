import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import layer, { diagnoseSubLayers, gatewayStatus } from '../../../src/replay/layers/cli-status.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';
import { bundleOfPreset } from '../scenarios/host-bundle.js';

type Json = Record<string, unknown>;
const healthBody = (over: Json = {}, status: Json = {}): string =>
  JSON.stringify({
    ok: true, available: true, healthy: true, checkedAt: '2026-11-27T12:00:00.000Z', mode: 'normal', degradedCapabilities: [],
    reason: 'redis_connected', since: '2026-11-27T10:00:00.000Z', reconnectAttempts: 0,
    components: { redis: 'ok', session: 'ok' },
    status: { sessionId: 'abc', pid: 4242, uptimeMs: 7_200_000, queueDepth: 0, ...status },
    ...over,
  });
const lists = (pending: Record<string, number>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(pending).map(([k, n]) => [`joelclaw:events:${k}`, { type: 'list', length: n, itemsKept: n, items: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, type: 'x', source: 'cli', payload: {}, ts: 1795348700000 })) }])));
const redisUp = (pending: Record<string, number> = { gateway: 0 }): Record<string, ArtifactInput> => ({
  [A.redisPing.id]: 'PONG',
  [A.redisSessions.id]: '["gateway"]',
  [A.redisEventLists.id]: lists(pending),
});
const redisDown: ArtifactInput = { status: 'error', reason: 'connect ECONNREFUSED 127.0.0.1:6379' };
const refused: ArtifactInput = { status: 'error', reason: 'connect ECONNREFUSED 127.0.0.1:3018' };
const slimPs = '  PID  PPID STARTED                          ELAPSED COMMAND\n 4300     1 Thu Nov 27 10:00:00 2026        02:00:00 bun /x/packages/gateway/src/transport-daemon.ts\n';

const ctxOf = (arts: Record<string, ArtifactInput>) => createContext(bundleFrom(arts));
const run = (arts: Record<string, ArtifactInput>) => layer.run(ctxOf(arts));

describe('cli-status layer', () => {
  it('is ok with Redis connected, a session and nothing pending (rule 2)', () => {
    const r = run({ [A.health.id]: healthBody(), ...redisUp() });
    expect(r).toMatchObject({ status: 'ok', detail: 'Redis connected, 1 session(s), 0 pending' });
  });

  it('degrades in redis_degraded mode while available, counting capabilities (rule 1)', () => {
    const caps = [{ key: 'redis_event_bridge', reason: 'x' }, { key: 'message_replay', reason: 'x' }];
    const r = run({ [A.health.id]: healthBody({ mode: 'redis_degraded', degradedCapabilities: caps }), [A.redisPing.id]: redisDown });
    expect(r.status).toBe('degraded');
    expect(r.detail).toBe('Gateway available in redis_degraded mode, 1 session(s), 0 pending');
    expect(r.findings.map((f) => f.text)).toContain('2 degraded capabilities');
  });

  it('degrades when more than 3 events are pending (rule 3)', () => {
    const r = run({ [A.health.id]: healthBody(), ...redisUp({ gateway: 4 }) });
    expect(r).toMatchObject({ status: 'degraded', detail: 'Redis connected, 1 session(s), 4 pending' });
    expect(r.findings.find((f) => f.messageId === 'sessionPending')?.text).toBe('session gateway: 4 pending event(s)');
  });

  it('stays ok with 3 pending and degrades on a pending deploy verification (rule 3)', () => {
    expect(run({ [A.health.id]: healthBody(), ...redisUp({ gateway: 3 }) }).status).toBe('ok');
    const guard = { checkpointSentThisTurn: false, pendingDeployVerifications: [{ repoPath: '/r', commitSha: 'abc' }] };
    const r = run({ [A.health.id]: healthBody({}, { guardrails: guard }), ...redisUp({ gateway: 1 }) });
    expect(r.status).toBe('degraded');
    expect(r.findings.map((f) => f.text)).toContain('1 deploy verification pending');
  });

  it('fails when /health is refused and Redis is unreachable (rule 4)', () => {
    const r = run({ [A.health.id]: refused, [A.redisPing.id]: redisDown });
    expect(r).toMatchObject({ status: 'failed', detail: 'Redis not connected or no sessions' });
  });

  it('fails as daemon unreachable when /health is refused although Redis answers, as `gateway status` would say', () => {
    const r = run({ [A.health.id]: refused, ...redisUp() });
    expect(r.status).toBe('failed');
    expect(r.detail).toBe('Daemon unreachable: /health did not answer (connect ECONNREFUSED 127.0.0.1:3018); Redis connected, 1 session(s), 0 pending');
    expect(r.findings.map((f) => f.text)).toContain('joelclaw gateway status would say healthy: false, daemon.reachable: false (available: true only because Redis answers)');
    const sub = diagnoseSubLayers(ctxOf({ [A.health.id]: refused, ...redisUp() })).find((l) => l.layer === 'cli-status');
    expect(sub?.status).toBe('failed');
  });

  it('is unknown, not failed, when Redis is unreachable and /health was not collected', () => {
    const r = run({ [A.redisPing.id]: redisDown });
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('http/health');
  });

  it('is unknown with reasons when neither source was collected', () => {
    const r = run({});
    expect(r.status).toBe('unknown');
    expect(r.reason).toMatch(/http\/health.*redis\/ping/);
  });

  it('skips the /health parts when the slim transport runs', () => {
    const r = run({ [A.health.id]: refused, [A.ps.id]: slimPs, ...redisUp() });
    expect(r.status).toBe('ok');
    expect(r.findings[0]?.text).toContain('slim transport runs');
    const subs = diagnoseSubLayers(ctxOf({ [A.health.id]: refused, [A.ps.id]: slimPs, ...redisUp() }));
    expect(subs.find((l) => l.layer === 'operator-tracing')).toMatchObject({ status: 'skipped' });
    expect(run({ [A.ps.id]: slimPs })).toMatchObject({ status: 'skipped' });
  });

  it('folds a degraded sub-layer (operator tracing) into its status', () => {
    const tracing = { timeoutMs: 15000, activeCount: 0, lastTimedOut: { traceId: 'cmd_1', kind: 'command', route: '/status', timedOutAt: '2026-11-27T11:59:00Z' } };
    const r = run({ [A.health.id]: healthBody({}, { operatorTracing: tracing }), ...redisUp() });
    expect(r.status).toBe('degraded');
    expect(r.detail).toBe('Redis connected, 1 session(s), 0 pending; operator-tracing degraded');
  });

  it('degrades when the daemon answers 503 unavailable although Redis is fine', () => {
    const body = healthBody({ ok: false, available: false, healthy: false, components: { redis: 'ok', session: 'stuck (240s)' } });
    const r = run({ [A.health.id]: { content: body, httpStatus: 503 }, ...redisUp() });
    expect(r).toMatchObject({ status: 'degraded', detail: 'Redis connected, 1 session(s), 0 pending; daemon reports unavailable (session stuck (240s))' });
  });

  it('judges on the daemon redis component when our ping was not collected', () => {
    expect(run({ [A.health.id]: healthBody() }).status).toBe('ok');
    expect(run({ [A.health.id]: healthBody({ components: { redis: 'degraded' } }) }).status).toBe('unknown');
  });
});

describe('gatewayStatus', () => {
  it('builds the status object from /health and Redis like the real command', () => {
    const s = gatewayStatus(ctxOf({ [A.health.id]: { content: healthBody(), httpStatus: 200 }, [A.wsPortFile.id]: '3018\n', ...redisUp({ gateway: 2, main: 1 }) }));
    expect(s).toMatchObject({ available: true, healthy: true, mode: 'normal', redis: 'connected', totalPending: 2, legacyQueuePending: 1 });
    expect(s?.activeSessions).toEqual([{ id: 'gateway', pending: 2, alive: true }]);
    expect(s?.daemon).toMatchObject({ reachable: true, wsPort: 3018, pid: 4242, httpStatus: 200 });
  });

  it('falls back to the daemon session when Redis has none, and derives mode without /health', () => {
    const s = gatewayStatus(ctxOf({ [A.health.id]: healthBody({}, { queueDepth: 2 }), [A.redisPing.id]: redisDown }));
    expect(s?.activeSessions).toEqual([{ id: 'abc', pending: 2, alive: true }]);
    const bare = gatewayStatus(ctxOf({ [A.health.id]: refused, [A.redisPing.id]: redisDown }));
    expect(bare).toMatchObject({ available: false, healthy: false, mode: 'redis_degraded', reason: 'redis_unreachable' });
    expect(gatewayStatus(ctxOf({}))).toBeNull();
  });

  it('marks dead pid-N satellites as prunable instead of counting them', () => {
    const s = gatewayStatus(ctxOf({ [A.health.id]: healthBody(), ...redisUp(), [A.redisSessions.id]: '["gateway","pid-999"]', [A.ps.id]: slimPs }));
    expect(s?.pruned).toEqual(['pid-999']);
    expect(s?.activeSessions.map((x) => x.id)).toEqual(['gateway']);
  });
});

describe('diagnoseSubLayers', () => {
  it('returns the real L1-L7 layers with their conditional ones', () => {
    const status = {
      sessionPressure: { health: 'elevated', nextAction: 'compact', nextThresholdSummary: 'rotate at 75% context or 8h session age', usagePercent: 70, reasons: ['context_usage'] },
      supersession: { activeRequest: { id: 'r1', source: 'telegram:1', superseded: true, supersededBySource: 'telegram:1' }, lastEvent: null, batching: { windowMs: 1500, pendingCount: 0, pendingSources: [] } },
      channels: { telegram: { configured: true, healthy: true, ownerState: 'fallback', leaseEnabled: false, pollingState: 'retrying_conflict', retryAttempts: 2, conflictStreak: 2 } },
      channelHealth: { overall: 'ok', healing: { restartAfterConsecutiveDegraded: 2, cooldownMs: 600000, channels: { telegram: { policy: 'restart', lastAttemptStatus: 'failed', lastAttemptError: 'boom' } } } },
      operatorTracing: { activeCount: 0, lastCompleted: null, lastFailed: null, lastTimedOut: null },
    };
    const layers = diagnoseSubLayers(ctxOf({ [A.health.id]: healthBody({}, status), ...redisUp() }));
    expect(layers.map((l) => [l.layer, l.status])).toEqual([
      ['process', 'skipped'],
      ['cli-status', 'ok'],
      ['session-pressure', 'degraded'],
      ['interruptibility', 'degraded'],
      ['channel-health', 'degraded'],
      ['channel-healing', 'degraded'],
      ['operator-tracing', 'ok'],
    ]);
    expect(layers[2]?.detail).toBe('Session pressure elevated — gateway should compact; next threshold rotate at 75% context or 8h session age');
    expect(layers[4]?.findings).toContain('telegram ingress is down: polling retrying_conflict');
    expect(layers[4]?.findings[0]).toBe('telegram: fallback (lease disabled), polling retrying_conflict');
  });

  it('leaves out session pressure and channel layers when /health has none', () => {
    const layers = diagnoseSubLayers(ctxOf({ [A.health.id]: healthBody(), ...redisUp() }));
    expect(layers.map((l) => l.layer)).toEqual(['process', 'cli-status', 'interruptibility', 'operator-tracing']);
  });
});

describe('cli-status and model drift', () => {
  it('degrades when the live model is not the configured one and the fallback is inactive', () => {
    const drifted = layer.run(createContext(bundleOfPreset('s2c-model-drift')));
    expect(drifted.status).toBe('degraded');
    expect(drifted.detail).toContain('model (drift) degraded');
    const finding = drifted.findings.find((f) => f.messageId === 'modelDrift');
    expect(finding?.text).toBe('model drift: the live session runs openai-codex/gpt-5.4 while joelclaw:gateway:config asks for gpt-5.6-sol (fallback inactive)');
    const healthy = layer.run(createContext(bundleOfPreset('healthy')));
    expect(healthy.findings.some((f) => f.messageId === 'modelDrift')).toBe(false);
    const onFallback = layer.run(createContext(bundleOfPreset('s2-model-timeout')));
    expect(onFallback.findings.some((f) => f.messageId === 'modelDrift')).toBe(false);
  });
});

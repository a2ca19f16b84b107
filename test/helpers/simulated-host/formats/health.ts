import { CAPTURED_AT, minutesBefore } from '../spec.js';

// The daemon's GET /health body (facts §2.3). Defaults describe a healthy legacy daemon in normal mode;
// presets override the parts their scenario is about (mode, session component, fallback, channels).

/** What a preset may change; everything else gets the healthy default. */
export interface HealthBodyInput {
  capturedAt?: string;
  available?: boolean;
  healthy?: boolean;
  mode?: 'normal' | 'redis_degraded';
  reason?: string;
  degradedCapabilities?: Array<{ key: string; reason: string | null }>;
  sessionComponent?: string;
  redisComponent?: 'ok' | 'degraded';
  sessionId?: string;
  model?: string;
  pid?: number;
  uptimeMs?: number;
  /** Context tokens of the last usage; else derived from usagePercent (default 23% of the window). */
  contextTokens?: number;
  usagePercent?: number;
  /** The live model's context window (maxTokens); 272000 is the simulated machine's gpt-5.6-sol. */
  maxTokens?: number;
  sessionEntries?: number;
  sessionCreatedAt?: string;
  lastCompactionAt?: string;
  threads?: { active: number; warm: number; total: number };
  queueDepth?: number;
  fallback?: { active: false } | { active: true; model: string; since: string; activationCount: number };
  telegram?: Partial<Record<string, unknown>>;
  consecutivePromptFailures?: number;
}

const telegramDefault = (at: string) => ({
  configured: true,
  started: true,
  healthy: true,
  ownerState: 'chat-sdk',
  pollingState: 'chat-sdk-active',
  pollingActive: true,
  pollingStarting: false,
  leaseEnabled: false,
  leaseOwned: false,
  retryAttempts: 0,
  conflictStreak: 0,
  lastLeaseStatusAt: at,
  lastLeaseReason: null,
  companionInitialized: true,
});

/** The /health JSON object. */
export function healthBody(i: HealthBodyInput = {}): Record<string, unknown> {
  const at = i.capturedAt ?? CAPTURED_AT;
  const mode = i.mode ?? 'normal';
  const available = i.available ?? true;
  const redisOk = (i.redisComponent ?? (mode === 'normal' ? 'ok' : 'degraded')) === 'ok';
  const healthy = i.healthy ?? (available && redisOk);
  const since = minutesBefore(45, at);
  const telegram = { ...telegramDefault(since), ...i.telegram };
  const degradedCapabilities = i.degradedCapabilities ?? [];
  const maxTokens = i.maxTokens ?? 272_000;
  const estimatedTokens = i.contextTokens ?? Math.round(((i.usagePercent ?? 23) * maxTokens) / 100);
  const fallback = i.fallback ?? { active: false };
  const sessionPressure = sessionPressureSnapshot({
    entries: i.sessionEntries ?? 24,
    estimatedTokens,
    maxTokens,
    lastCompactionAtMs: Date.parse(i.lastCompactionAt ?? minutesBefore(70, at)),
    sessionCreatedAtMs: Date.parse(i.sessionCreatedAt ?? minutesBefore(120, at)),
    queueDepth: i.queueDepth ?? 0,
    threads: i.threads ?? { active: 1, warm: 0, total: 1 },
    consecutivePromptFailures: i.consecutivePromptFailures ?? 0,
    fallbackActive: fallback.active,
    fallbackActivationCount: fallback.active ? fallback.activationCount : 0,
    nowMs: Date.parse(at),
  });
  const runtime = {
    reason: i.reason ?? (mode === 'normal' ? 'redis_connected' : 'reconnect_scheduled'),
    since,
    reconnectAttempts: mode === 'normal' ? 0 : 3,
    lastError: mode === 'normal' ? null : 'connect ECONNREFUSED 127.0.0.1:6379',
    redisHealthy: redisOk,
    subscriberStatus: redisOk ? 'ready' : 'reconnecting',
    commandStatus: redisOk ? 'ready' : 'reconnecting',
  };
  const telegramOk = telegram.healthy === true;
  return {
    ok: available,
    available,
    healthy,
    checkedAt: at,
    mode,
    degradedCapabilities,
    reason: runtime.reason,
    since,
    reconnectAttempts: runtime.reconnectAttempts,
    components: {
      redis: redisOk ? 'ok' : 'degraded',
      telegram: telegramOk ? telegram.ownerState : telegram.pollingState,
      discord: 'disabled',
      imessage: 'disabled',
      slack: 'disabled',
      ws: 'ok (1 clients)',
      session: i.sessionComponent ?? 'ok',
      consecutivePromptFailures: i.consecutivePromptFailures ?? 0,
      waitingForTurnEnd: (i.sessionComponent ?? 'ok').startsWith('stuck'),
      maintenanceActive: false,
      stuckRecoveryPending: false,
      stuckRecoveryDeadlineMs: null,
      fallbackGraceRemainingMs: 0,
    },
    status: {
      sessionId: i.sessionId ?? '4f7c2a10-9b3e-4d61-8a2f-0c1d2e3f4a5b',
      isStreaming: false,
      model: i.model ?? 'openai-codex/gpt-5.6-sol',
      uptimeMs: i.uptimeMs ?? 61 * 60_000,
      pid: i.pid ?? 4242,
      mode,
      degradedCapabilities,
      runtime,
      // daemon.ts:3696-3703: context repeats the snapshot's figures
      context: { entries: sessionPressure.entries, estimatedTokens, usagePercent: sessionPressure.usagePercent, maxTokens, health: sessionPressure.health },
      sessionPressure: { ...sessionPressure, alerting: { lastNotifiedHealth: 'ok', lastNotifiedAt: null, lastRecoveredAt: null, cooldownMs: 1_800_000 } },
      supersession: {
        activeRequest: null,
        lastEvent: null,
        batching: { windowMs: 1500, pendingCount: 0, pendingSources: [], lastFlush: null },
      },
      operatorTracing: { timeoutMs: 15_000, activeCount: 0, activeRoutes: [], activeKinds: [], lastCompleted: null, lastFailed: null, lastTimedOut: null, recent: [] },
      channels: {
        telegram,
        discord: { configured: false, started: false, healthy: false, ready: false, botUserId: null },
      },
      channelHealth: {
        overall: telegramOk ? 'ok' : 'degraded',
        configuredChannels: ['telegram'],
        degradedChannels: telegramOk ? [] : ['telegram'],
        mutedChannels: [],
        healthyCount: telegramOk ? 1 : 0,
        degradedCount: telegramOk ? 0 : 1,
      },
      queueDepth: i.queueDepth ?? 0,
      fallback,
    },
  };
}

/** /health as the daemon answers: 200 when `available`, else 503, and compact JSON as Response.json sends it. */
export function healthResponse(i: HealthBodyInput = {}): { status: number; body: string } {
  const body = healthBody(i);
  return { status: body.available ? 200 : 503, body: JSON.stringify(body) };
}

/**
 * buildSessionPressureSnapshot (joelclaw packages/gateway/src/session-pressure.ts:62-152), ported: the flat
 * fields /health carries under status.sessionPressure, with the daemon's thresholds (daemon.ts:1243-1246,
 * 2349-2352). There is no package to run the daemon's own function from.
 */
function sessionPressureSnapshot(i: {
  entries: number;
  estimatedTokens: number;
  maxTokens: number;
  lastCompactionAtMs: number;
  sessionCreatedAtMs: number;
  queueDepth: number;
  threads: { active: number; warm: number; total: number };
  consecutivePromptFailures: number;
  fallbackActive: boolean;
  fallbackActivationCount: number;
  nowMs: number;
}) {
  const [compactAtPercent, rotateAtPercent, maxCompactionGapMs, maxSessionAgeMs] = [65, 75, 4 * 3_600_000, 8 * 3_600_000];
  const usagePercent = i.maxTokens > 0 ? Math.round((i.estimatedTokens / i.maxTokens) * 100) : 0;
  const lastCompactionAgeMs = Math.max(0, i.nowMs - i.lastCompactionAtMs);
  const sessionAgeMs = Math.max(0, i.nowMs - i.sessionCreatedAtMs);
  const reasons: string[] = [];
  if (usagePercent >= rotateAtPercent) reasons.push('context_ceiling');
  else if (usagePercent >= compactAtPercent) reasons.push('context_usage');
  if (lastCompactionAgeMs > maxCompactionGapMs) reasons.push('compaction_gap');
  if (sessionAgeMs > maxSessionAgeMs) reasons.push('session_age');
  const nextAction =
    usagePercent >= rotateAtPercent || sessionAgeMs > maxSessionAgeMs ? 'rotate' : usagePercent >= compactAtPercent || lastCompactionAgeMs > maxCompactionGapMs ? 'compact' : 'observe';
  const health = nextAction === 'rotate' ? 'critical' : nextAction === 'compact' ? 'elevated' : 'ok';
  const nextThresholdSummary =
    nextAction === 'rotate' ? 'rotate immediately' : health === 'elevated' ? 'rotate at 75% context or 8h session age' : 'compact at 65% context or 4h since last compaction';
  return {
    entries: i.entries,
    estimatedTokens: i.estimatedTokens,
    usagePercent,
    maxTokens: i.maxTokens,
    lastCompactionAt: new Date(i.lastCompactionAtMs).toISOString(),
    lastCompactionAgeMs,
    sessionAgeMs,
    compactAtPercent,
    rotateAtPercent,
    maxCompactionGapMs,
    maxSessionAgeMs,
    contextHeadroomToCompactPercent: Math.max(0, compactAtPercent - usagePercent),
    contextHeadroomToRotatePercent: Math.max(0, rotateAtPercent - usagePercent),
    compactionGapRemainingMs: Math.max(0, maxCompactionGapMs - lastCompactionAgeMs),
    sessionAgeRemainingMs: Math.max(0, maxSessionAgeMs - sessionAgeMs),
    health,
    nextAction,
    nextThresholdAction: health === 'ok' ? 'compact' : 'rotate',
    nextThresholdSummary,
    reasons,
    queueDepth: i.queueDepth,
    activeThreads: i.threads.active,
    warmThreads: i.threads.warm,
    totalThreads: i.threads.total,
    consecutivePromptFailures: i.consecutivePromptFailures,
    fallbackActive: i.fallbackActive,
    fallbackActivationCount: i.fallbackActivationCount,
  };
}

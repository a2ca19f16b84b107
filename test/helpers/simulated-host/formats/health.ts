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
  usagePercent?: number;
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
  const usagePercent = i.usagePercent ?? 31;
  const pressureHealth = usagePercent >= 75 ? 'critical' : usagePercent >= 65 ? 'elevated' : 'ok';
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
      context: { entries: 24, estimatedTokens: usagePercent * 2000, usagePercent, maxTokens: 200_000, health: pressureHealth },
      sessionPressure: {
        health: pressureHealth,
        nextAction: pressureHealth === 'critical' ? 'rotate' : pressureHealth === 'elevated' ? 'compact' : 'observe',
        reasons: pressureHealth === 'critical' ? ['context_ceiling'] : pressureHealth === 'elevated' ? ['context_usage'] : [],
        usagePercent,
        nextThresholdSummary: 'compact at 65% context or 4h since last compaction',
        alerting: { lastNotifiedHealth: 'ok', lastNotifiedAt: null, lastRecoveredAt: null, cooldownMs: 1_800_000 },
      },
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
      fallback: i.fallback ?? { active: false },
    },
  };
}

/** /health as the daemon answers: 200 when `available`, else 503, and compact JSON as Response.json sends it. */
export function healthResponse(i: HealthBodyInput = {}): { status: number; body: string } {
  const body = healthBody(i);
  return { status: body.available ? 200 : 503, body: JSON.stringify(body) };
}

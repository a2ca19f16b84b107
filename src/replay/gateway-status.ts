import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { type HealthBody, healthSection, parseHealth } from './parse/health.js';
import { processFacts } from './process-facts.js';
import { eventLists, redisReachable, redisSessions } from './redis-summary.js';

// What `joelclaw gateway status` would have printed (facts §2.2), recomputed from the captured /health body
// and our own Redis reads, because running it on the sick machine prunes Redis sessions.

export interface ActiveSession {
  id: string;
  pending: number;
  alive: boolean;
}

/** How each input of the status was found: the real command cannot tell "not collected" from "down". */
export interface StatusSources {
  health: 'ok' | 'unreachable' | 'unparseable' | 'missing';
  redis: 'connected' | 'unreachable' | 'missing';
}

export interface GatewayStatus {
  available: boolean;
  healthy: boolean;
  mode: string;
  redis: 'connected' | 'degraded';
  degradedCapabilities: Array<{ key: string; reason: string | null }>;
  reason: string;
  since: string | null;
  reconnectAttempts: number | null;
  activeSessions: ActiveSession[];
  totalPending: number;
  /** pid-<N> members the real command would SREM (N not in the captured ps table). */
  pruned?: string[];
  legacyQueuePending: number | null;
  daemon: { reachable: boolean; wsPort: number | null; checkedAt: string | null; pid: number | null; sessionId: string | null; uptimeMs: number | null; httpStatus: number | null };
  components?: Record<string, unknown>;
  context?: Record<string, unknown>;
  sessionPressure?: Record<string, unknown>;
  supersession?: Record<string, unknown>;
  channels?: Record<string, unknown>;
  channelHealth?: Record<string, unknown>;
  operatorTracing?: Record<string, unknown>;
  callbackTracing?: Record<string, unknown>;
  guardrails?: Record<string, unknown>;
  redisError?: string;
  sources: StatusSources;
}

const COPIED = ['components', 'context', 'sessionPressure', 'supersession', 'channels', 'channelHealth', 'operatorTracing', 'callbackTracing', 'guardrails'] as const;

const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function readHealth(ctx: ReplayContext): { body: HealthBody | null; source: StatusSources['health'] } {
  const e = ctx.entry(A.health.id);
  const text = ctx.text(A.health.id);
  // A 503 body is still the daemon's answer: parse whatever bytes were kept, whatever the entry status.
  if (text !== undefined && text.trim() !== '') {
    const parsed = parseHealth(text);
    return parsed.ok ? { body: parsed.body, source: 'ok' } : { body: null, source: 'unparseable' };
  }
  if (e && (e.status === 'error' || e.status === 'timeout')) return { body: null, source: 'unreachable' };
  return { body: null, source: 'missing' };
}

function wsPort(ctx: ReplayContext): number | null {
  const n = Number.parseInt((ctx.absence(A.wsPortFile.id) ? '' : ctx.text(A.wsPortFile.id)) ?? '', 10);
  return Number.isInteger(n) && n > 0 ? n : null;
}

// Why: cli-status, e2e and redis all need the status `joelclaw gateway status` would report.
export function gatewayStatus(ctx: ReplayContext): GatewayStatus | null {
  return ctx.memo('gatewayStatus', () => {
    const { body, source: healthSource } = readHealth(ctx);
    const reachable = redisReachable(ctx);
    if (healthSource === 'missing' && reachable === null) return null;
    const redisConnected = reachable === true;
    const status = body?.status ?? {};
    const facts = processFacts(ctx);
    const lists = redisConnected ? eventLists(ctx) : null;
    const pendingOf = (id: string) => lists?.find((l) => l.key === `joelclaw:events:${id}`)?.length ?? 0;
    const members = redisConnected ? (redisSessions(ctx) ?? []) : [];
    const alivePids = new Set([...facts.daemonPids, ...facts.transportPids, ...(facts.daemonRow ? [facts.daemonRow.pid] : [])]);
    const pruned = facts.psRan ? members.filter((m) => /^pid-\d+$/.test(m) && !psHas(ctx, Number(m.slice(4)), alivePids)) : [];
    let activeSessions: ActiveSession[] = members.filter((m) => !pruned.includes(m)).map((id) => ({ id, pending: pendingOf(id), alive: true }));
    if (activeSessions.length === 0 && body) {
      const id = typeof status.sessionId === 'string' ? status.sessionId : 'gateway';
      activeSessions = [{ id, pending: numOrNull(status.queueDepth) ?? 0, alive: body.available !== false }];
    }
    const daemonReachable = body !== null;
    const out: GatewayStatus = {
      available: body?.available ?? (daemonReachable || redisConnected || activeSessions.length > 0),
      healthy: body?.healthy ?? (redisConnected && daemonReachable),
      mode: body?.mode ?? (redisConnected ? 'normal' : 'redis_degraded'),
      redis: redisConnected ? 'connected' : 'degraded',
      degradedCapabilities: (body?.degradedCapabilities ?? []).map((c) => ({ key: c.key, reason: c.reason ?? null })),
      reason: body?.reason ?? (redisConnected ? 'redis_connected' : 'redis_unreachable'),
      since: body?.since ?? null,
      reconnectAttempts: body?.reconnectAttempts ?? null,
      activeSessions,
      totalPending: activeSessions.reduce((n, s) => n + s.pending, 0),
      legacyQueuePending: lists ? (lists.find((l) => l.key === 'joelclaw:events:main')?.length ?? 0) : null,
      daemon: {
        reachable: daemonReachable,
        wsPort: wsPort(ctx),
        checkedAt: body?.checkedAt ?? null,
        pid: numOrNull(status.pid),
        sessionId: typeof status.sessionId === 'string' ? status.sessionId : null,
        uptimeMs: numOrNull(status.uptimeMs),
        httpStatus: ctx.entry(A.health.id)?.httpStatus ?? null,
      },
      sources: { health: healthSource, redis: reachable === null ? 'missing' : redisConnected ? 'connected' : 'unreachable' },
    };
    if (pruned.length > 0) out.pruned = pruned;
    if (body) for (const k of COPIED) {
      const section = healthSection(body, k);
      if (section) out[k] = section;
    }
    if (reachable === false) out.redisError = ctx.entry(A.redisPing.id)?.reason ?? ctx.absence(A.redisPing.id) ?? 'redis unreachable';
    return out;
  });
}

function psHas(ctx: ReplayContext, pid: number, known: Set<number>): boolean {
  if (known.has(pid)) return true;
  return (ctx.lines(A.ps.id) ?? []).some((l) => new RegExp(`^\\s*${pid}\\s`).test(l));
}


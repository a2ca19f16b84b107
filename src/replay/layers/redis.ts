import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { gatewayStatus } from '../gateway-status.js';
import { asRecord } from '../parse/health.js';
import { eventLists, gatewayKeyCount, messagesStream, redisMode, redisReachable, redisSummary } from '../redis-summary.js';
import type { Finding, Layer, LayerResult } from '../types.js';

// Seed layer 8: the event queue, the durable stream's unacked backlog, config and mode (facts §3). Unlike the
// real redis-state layer it reads the stream the gateway writes, not the nonexistent `gateway:messages`.

/** A queued event older than this means the session is not draining (the human-channel stuck threshold). */
const EVENT_BACKLOG_MS = 3 * 60_000;
/** Triaged "batched" events wait for the hourly flush on purpose: not a backlog. */
const BATCH_LIST = 'joelclaw:events:batch';

const minutes = (ms: number): number => Math.round(ms / 60_000);

function judge(ctx: ReplayContext): Omit<LayerResult, 'id' | 'seedLayer' | 'title'> {
  const reachable = redisReachable(ctx);
  if (reachable === null) return { status: 'unknown', reason: ctx.absence(A.redisPing.id) ?? 'redis/ping missing', detail: 'Redis was not probed', findings: [] };
  const status = gatewayStatus(ctx);
  const daemonDegraded = status?.sources.health === 'ok' && status.mode === 'redis_degraded' && status.available !== false;
  if (!reachable) {
    const e = ctx.entry(A.redisPing.id);
    const why = e?.reason ?? ctx.absence(A.redisPing.id) ?? 'no PONG';
    const findings: Finding[] = [{ messageId: 'unreachable', text: `PING failed: ${why}`, severity: 'error', evidence: [{ artifact: A.redisPing.id }] }];
    if (daemonDegraded) return { status: 'degraded', detail: `Redis unreachable (${why}); gateway available in redis_degraded mode`, findings };
    return { status: 'failed', detail: `Redis unreachable: ${why}`, findings };
  }
  const lists = eventLists(ctx);
  const stream = messagesStream(ctx);
  const summary = redisSummary(ctx);
  if (!lists && !stream) {
    const why = (id: string) => ctx.absence(id) ?? `${id} does not have the collector's shape`;
    const reason = `${why(A.redisEventLists.id)}; ${why(A.redisMessagesStream.id)}`;
    return { status: 'unknown', reason, detail: 'Redis answered PING but its queues were not collected', findings: [] };
  }
  const findings: Finding[] = [];
  const problems: string[] = [];
  const queue = lists?.find((l) => l.key === 'joelclaw:events:gateway')?.length ?? 0;
  const pending = (lists ?? []).filter((l) => l.key !== BATCH_LIST && l.length > 0);
  const times = pending.flatMap((l) => l.items.map((i) => i.ts)).filter((t): t is number => t !== null);
  const oldestEvent = times.length > 0 ? Math.min(...times) : null;
  for (const l of pending) findings.push({ messageId: 'eventList', text: `${l.key}: ${l.length} pending event(s)`, severity: 'warn', evidence: [{ artifact: A.redisEventLists.id }] });
  if (oldestEvent !== null && ctx.now.getTime() - oldestEvent > EVENT_BACKLOG_MS) {
    problems.push(`events backing up (oldest ${minutes(ctx.now.getTime() - oldestEvent)}m)`);
  }
  const s = summary?.stream;
  if (stream && s) {
    if (s.unacked > 0) findings.push({ messageId: 'unackedMessages', text: `${stream.key}: ${s.unacked} unacked message(s), oldest ${s.oldestAgeMinutes ?? '?'}m`, severity: 'warn', evidence: [{ artifact: A.redisMessagesStream.id }] });
    if (s.staleOnReplay > 0) problems.push(`${s.staleOnReplay} unacked message(s) older than 10 min will be dropped on the next replay`);
  }
  const mode = redisMode(ctx);
  if (mode === 'sleep') findings.push({ messageId: 'sleepMode', text: 'joelclaw:mode is sleep: heartbeat ticks skipped, only Telegram human messages pass', severity: 'info', evidence: [{ artifact: A.redisMode.id }] });
  const config = summary?.config;
  if (config) findings.push({ messageId: 'config', text: `gateway config: model ${config.model ?? '(default)'}, fallback ${config.fallbackProvider ?? '?'}/${config.fallbackModel ?? '?'}, thinking ${config.thinkingLevel ?? '?'}`, severity: 'info', evidence: [{ artifact: A.redisGatewayConfig.id }] });
  const legacy = asRecord(ctx.json(A.redisLegacyMessages.id));
  if (legacy) {
    const n = typeof legacy.length === 'number' ? legacy.length : 0;
    const text = n > 0 ? `legacy gateway:messages holds ${n} entries (the key the real diagnose reads)` : 'the real diagnose reads gateway:messages, which does not exist: it always reports 0';
    findings.push({ messageId: 'legacyStreamKey', text, severity: 'info', evidence: [{ artifact: A.redisLegacyMessages.id }] });
  }
  if (daemonDegraded) problems.push('the gateway reports redis_degraded');
  // A Redis that answers but holds nothing of the gateway is not "ok": it is the wrong Redis, or one that was
  // flushed. Every gateway writes joelclaw:gateway:sessions and its stream at start (facts §3).
  if (gatewayKeyCount(ctx) === 0) {
    const url = ctx.view.manifest.options.redisUrl;
    const text = `Redis at ${url} answered PING but holds none of the gateway's keys (joelclaw:*, gateway:*): is this the gateway's Redis? (--redis-url)`;
    findings.push({ messageId: 'noGatewayKeys', text, severity: 'warn', evidence: [{ artifact: ctx.absence(A.redisKeyInventory.id) === null ? A.redisKeyInventory.id : A.redisSessions.id }] });
    problems.push("none of the gateway's keys: is this the gateway's Redis?");
  }
  const base = `event queue: ${queue}, message stream: ${stream ? `${stream.length} unacked` : 'not collected'}`;
  return { status: problems.length > 0 ? 'degraded' : 'ok', detail: problems.length > 0 ? `${base}; ${problems.join('; ')}` : base, findings };
}

const layer: Layer = {
  id: 'redis',
  seedLayer: 8,
  title: 'Redis state (queue, durable stream, config, mode)',
  run: (ctx) => ({ id: 'redis', seedLayer: 8, title: layer.title, ...judge(ctx) }),
};

export default layer;

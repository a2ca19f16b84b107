import { once } from 'node:events';
import { Redis } from 'ioredis';
import { deadlineOf } from '../deadline.js';
import { eventListsStep } from './events.js';
import { infoStep, pingStep } from './info.js';
import { healthKeysStep, keyInventoryStep } from './keys.js';
import { configStep, legacyMessagesStep, modeStep, priorityStep, sessionsStep } from './state.js';
import { oneLine } from '../format.js';
import type { RedisStep, RedisStepEnv } from './step.js';
import { messagesStreamStep } from './stream.js';
import { type RedisTarget, parseRedisUrl } from './url.js';
import type { Collector, CollectContext, StagedArtifact } from '../types.js';

// Read-only snapshot of the gateway's Redis (facts §3, §8.11): one fail-fast connection (dependency notes
// §4), the steps below in order, the whole phase (connection included) under one --timeout deadline that
// also ends at the global one (src/collect/deadline.ts). Never
// KEYS (SCAN only), never a write. Artifacts, all JSON (2-space) unless noted:
//   redis/ping (text), redis/info (text; SDE allowlist), redis/sessions [sorted members],
//   redis/mode (text; missing when absent), redis/gateway-config {raw, parsed} (missing when absent),
//   redis/event-lists {<key>: {type, length, itemsKept, olderThanWindow, items oldest first}},
//   redis/messages-stream {key, type, length, windowStartId, info, groups, pending, entriesInWindow,
//     entriesKept, oldest, newest, entries}, redis/priority {key, type, zcard, kept, members[{member, score}]},
//   redis/health-keys {<key>: {type, value, hasTtl, ttlSeconds}}, redis/key-inventory [{key, type, hasTtl,
//   ttlSeconds}], redis/legacy-gateway-messages {key, type, exists, length}.
// A refused connection makes every artifact `error` with the socket's reason; silence makes them `timeout`.

/** In collection order: cheap state first, the bulk inventory last, so a deadline costs the least. */
export const REDIS_STEPS: readonly RedisStep[] = [
  pingStep,
  infoStep,
  sessionsStep,
  modeStep,
  configStep,
  eventListsStep,
  messagesStreamStep,
  priorityStep,
  healthKeysStep,
  legacyMessagesStep,
  keyInventoryStep,
];

/** The ids this collector always returns, in order. */
export const REDIS_ARTIFACT_IDS: readonly string[] = REDIS_STEPS.map((s) => s.id);

const clientFor = (target: RedisTarget, timeoutMs: number): Redis =>
  new Redis({
    ...(target.path ? { path: target.path } : { host: target.host, port: target.port }),
    username: target.username,
    password: target.password,
    db: target.db,
    tls: target.tls ? {} : undefined,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    enableOfflineQueue: false,
    autoResubscribe: false,
    connectionName: 'gwbundle',
    // why: a disconnect ends the socket and waits this long for the server to close it; a Redis that never
    // answers never closes either, and its wait would hold the process after the bundle is written
    disconnectTimeout: 100,
  });

const isTimeout = (message: string): boolean => /timed? ?out|socket timeout/i.test(message);

/** Runs the steps, writing each finished artifact into `done` so a deadline keeps what was read. */
async function runSteps(ctx: CollectContext, redis: Redis, done: Map<string, StagedArtifact>): Promise<void> {
  const { options } = ctx;
  let socketError: Error | undefined;
  redis.on('error', (e: Error) => {
    socketError = e;
  });
  const env: RedisStepEnv = { nowMs: options.now.getTime(), hours: options.hours, sourceDateEpoch: options.sourceDateEpoch };
  try {
    try {
      await redis.connect();
    } catch (e) {
      // ioredis rejects with "Connection is closed."; the socket's own error names the cause.
      const reason = oneLine(socketError ?? e);
      for (const step of REDIS_STEPS) {
        done.set(step.id, { id: step.id, source: step.source, status: isTimeout(reason) ? 'timeout' : 'error', reason });
      }
      return;
    }
    for (const step of REDIS_STEPS) {
      if (ctx.signal.aborted) return;
      ctx.progress(`redis: ${step.id}`);
      try {
        done.set(step.id, { id: step.id, source: step.source, ...(await step.read(redis, env)) });
      } catch (e) {
        const reason = oneLine(e);
        done.set(step.id, { id: step.id, source: step.source, status: isTimeout(reason) ? 'timeout' : 'error', reason });
      }
    }
  } finally {
    redis.disconnect();
  }
}

/** The Redis collector: every artifact of REDIS_STEPS, whatever happens to the connection. */
export const redisCollector: Collector = {
  id: 'redis',
  title: 'Redis',
  ids: [...REDIS_ARTIFACT_IDS],
  async collect(ctx) {
    const { timeoutMs, redisUrl } = ctx.options;
    const done = new Map<string, StagedArtifact>();
    let target: RedisTarget;
    try {
      target = parseRedisUrl(redisUrl);
    } catch (e) {
      return REDIS_STEPS.map((s) => ({ id: s.id, source: s.source, status: 'error', reason: oneLine(e) }));
    }
    // One deadline for the connection and every step: a Redis that accepts and never answers costs one timeout.
    const deadline = deadlineOf(ctx);
    const redis = clientFor(target, timeoutMs);
    const work = runSteps(ctx, redis, done);
    const stopped = await Promise.race([
      work.then(() => null),
      once(deadline.signal, 'abort').then(() =>
        deadline.runEnded() ? 'the collection deadline was reached' : `no answer from ${target.display} within ${timeoutMs} ms`),
    ]);
    if (stopped !== null) {
      // Cut the socket now; the step still waiting fails at once and runSteps returns.
      redis.disconnect();
      work.catch(() => undefined);
    }
    return REDIS_STEPS.map(
      (s) => done.get(s.id) ?? { id: s.id, source: s.source, status: 'timeout', reason: stopped ?? 'not reached' },
    );
  },
};

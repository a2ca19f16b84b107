import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { REDIS_ARTIFACT_IDS, redisCollector } from '../../../src/collect/redis/index.js';
import type { CollectContext, CollectOptions, StagedArtifact } from '../../../src/collect/types.js';
import { type GatewayRedisState, gatewayStreamEntry, seedRedis } from '../../helpers/seed-redis.js';
import { closedPort, startSilentServer } from '../../helpers/silent-server.js';
import { byId } from '../helpers/artifacts.js';

const DB = 21;
const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const MIN = 60_000;

const contextFor = (over: Partial<CollectOptions>): CollectContext => ({
  options: {
    root: '/', home: '/home/joel', hours: 1, timeoutMs: 2000, maxSizeBytes: 25e6,
    redisUrl: `redis://127.0.0.1:${inject('redisPort')}/${DB}`, kubeconfig: null, namespace: 'joelclaw',
    e2e: false, probeModelApi: false, redact: true, now: new Date(NOW), sourceDateEpoch: false,
    env: {}, uid: 501, ...over,
  },
  signal: new AbortController().signal,
  startedAtEpochMs: Date.now(),
  resolve: (p) => p,
  progress: () => undefined,
});

const json = (arts: StagedArtifact[], id: string) => JSON.parse(byId(arts, id).content ?? 'null');

const event = (ts: number, type: string) => ({ id: `ev-${ts}`, type, source: 'test', payload: {}, ts });

const gatewayState = (): GatewayRedisState => {
  const stream = [
    gatewayStreamEntry(NOW - 3 * 60 * MIN, 'telegram:1', 'very old', 1), // outside a 1 h window
    gatewayStreamEntry(NOW - 30 * MIN, 'telegram:1', 'stuck hello', 1),
    gatewayStreamEntry(NOW - 5 * MIN, 'cron:heartbeat', 'beat', 2),
  ];
  return {
    sessions: ['pid-42', 'gateway'],
    eventLists: {
      'joelclaw:events:gateway': [event(NOW - 2 * 60 * MIN, 'old.event'), event(NOW - MIN, 'new.event')],
      'joelclaw:events:batch': [event(NOW - 10 * MIN, 'b1'), event(NOW - 9 * MIN, 'b2')],
    },
    stream,
    streamGroup: { name: 'gateway-session', claimIds: [`${NOW - 30 * MIN}-0`] },
    priority: [{ member: `${NOW - 30 * MIN}-0`, score: 1e12 + NOW - 30 * MIN }],
    config: { model: 'gpt-5.6-sol', fallbackModel: 'gpt-5.4' },
    mode: 'sleep',
    healthKeys: { 'gateway:health:muted-channels': '["imessage"]', 'gateway:health:monitor:general-streak': '2' },
    extraKeys: { 'unrelated:key': 'x' },
  };
};

describe('redisCollector against a real redis-server', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis({ host: '127.0.0.1', port: inject('redisPort'), db: DB, lazyConnect: true });
    await redis.connect();
  });
  afterAll(() => redis.disconnect());
  beforeEach(() => seedRedis(redis, gatewayState()));

  it('returns every redis artifact with status ok for a reachable server', async () => {
    const arts = await redisCollector.collect(contextFor({}));
    expect(arts.map((a) => a.id)).toEqual(REDIS_ARTIFACT_IDS);
    expect(arts.filter((a) => a.status !== 'ok').map((a) => a.id)).toEqual([]);
    expect(byId(arts, A.redisPing.id).content).toBe('PONG');
    expect(byId(arts, A.redisInfo.id).content).toMatch(/^redis_version:\d/m);
  });

  it('records sessions sorted, the mode and the config raw and parsed', async () => {
    const arts = await redisCollector.collect(contextFor({}));
    expect(json(arts, A.redisSessions.id)).toEqual(['gateway', 'pid-42']);
    expect(byId(arts, A.redisMode.id).content).toBe('sleep');
    const config = json(arts, A.redisGatewayConfig.id);
    expect(config.parsed.model).toBe('gpt-5.6-sol');
    expect(JSON.parse(config.raw)).toEqual(config.parsed);
  });

  it('marks an absent mode and config as missing with the key in the reason', async () => {
    await redis.del('joelclaw:mode', 'joelclaw:gateway:config');
    const arts = await redisCollector.collect(contextFor({}));
    expect(byId(arts, A.redisMode.id)).toMatchObject({ status: 'missing', reason: 'key joelclaw:mode does not exist' });
    expect(byId(arts, A.redisGatewayConfig.id).status).toBe('missing');
    expect(byId(arts, A.redisGatewayConfig.id).content).toBeUndefined();
  });

  it('lists event queues oldest first, reports absent ones as empty and counts items older than the window', async () => {
    const lists = json(await redisCollector.collect(contextFor({})), A.redisEventLists.id);
    expect(Object.keys(lists)).toEqual(['joelclaw:events:batch', 'joelclaw:events:gateway', 'joelclaw:events:main']);
    expect(lists['joelclaw:events:gateway'].items.map((i: { type: string }) => i.type)).toEqual(['old.event', 'new.event']);
    expect(lists['joelclaw:events:gateway']).toMatchObject({ type: 'list', length: 2, itemsKept: 2, olderThanWindow: 1 });
    expect(lists['joelclaw:events:batch'].items.map((i: { type: string }) => i.type)).toEqual(['b1', 'b2']);
    expect(lists['joelclaw:events:main']).toMatchObject({ type: 'none', length: 0, items: [] });
  });

  it('bounds a long event list to its newest 200 items while reporting the full length', async () => {
    const pushes = Array.from({ length: 250 }, (_, i) => JSON.stringify(event(NOW - (250 - i) * 1000, `e${i}`)));
    await redis.lpush('joelclaw:events:gateway', ...pushes);
    const list = json(await redisCollector.collect(contextFor({})), A.redisEventLists.id)['joelclaw:events:gateway'];
    expect(list.length).toBe(252);
    expect(list.itemsKept).toBe(200);
    expect(list.items.at(-1).type).toBe('e249');
  });

  it('records the stream window, oldest and newest entries, groups and pending entries', async () => {
    const doc = json(await redisCollector.collect(contextFor({})), A.redisMessagesStream.id);
    expect(doc).toMatchObject({ type: 'stream', length: 3, entriesInWindow: 2, entriesKept: 2 });
    expect(doc.windowStartId).toBe(`${NOW - 60 * MIN}-0`);
    expect(doc.entries.map((e: { fields: { payload: string } }) => JSON.parse(e.fields.payload).prompt)).toEqual(['stuck hello', 'beat']);
    expect(Object.keys(doc.entries[0].fields)).toEqual(['payload', 'metadata', 'timestamp', 'priority']);
    expect(JSON.parse(doc.oldest.fields.payload).prompt).toBe('very old');
    expect(doc.newest.id).toBe(`${NOW - 5 * MIN}-0`);
    expect(doc.groups[0]).toMatchObject({ name: 'gateway-session', pending: 1 });
    expect(doc.pending.summary).toMatchObject({ count: 1, minId: `${NOW - 30 * MIN}-0`, consumers: [{ name: 'daemon', pending: 1 }] });
    expect(doc.pending.entries[0]).toMatchObject({ id: `${NOW - 30 * MIN}-0`, consumer: 'daemon', deliveries: 1 });
    expect(typeof doc.pending.entries[0].idleMs).toBe('number');
  });

  it('bounds the stream entries to 500 while counting the whole window', async () => {
    const base = NOW - 4 * MIN; // after the seeded entries: stream ids only grow
    const pipe = redis.pipeline();
    for (let i = 0; i < 620; i++) pipe.xadd('joelclaw:gateway:messages', `${base + i}-0`, 'payload', '{}', 'timestamp', String(base + i));
    expect((await pipe.exec())?.every(([err]) => err === null)).toBe(true);
    const doc = json(await redisCollector.collect(contextFor({})), A.redisMessagesStream.id);
    expect(doc.entriesInWindow).toBe(622);
    expect(doc.entriesKept).toBe(500);
    expect(doc.entries.at(-1).id).not.toBe(doc.newest.id);
    expect(doc.newest.id).toBe(`${base + 619}-0`);
  });

  it('records the priority index, health keys with parsed values and a sorted key inventory', async () => {
    await redis.set('gateway:health:monitor:general-alert-cooldown', '1', 'EX', 1200);
    const arts = await redisCollector.collect(contextFor({}));
    const priority = json(arts, A.redisPriority.id);
    expect(priority).toMatchObject({ type: 'zset', zcard: 1, members: [{ member: `${NOW - 30 * MIN}-0`, score: 1e12 + NOW - 30 * MIN }] });
    const health = json(arts, A.redisHealthKeys.id);
    expect(health['gateway:health:muted-channels']).toMatchObject({ type: 'string', value: ['imessage'], hasTtl: false, ttlSeconds: null });
    expect(health['gateway:health:monitor:general-alert-cooldown'].ttlSeconds).toBeGreaterThan(1100);
    const inventory = json(arts, A.redisKeyInventory.id) as Array<{ key: string; type: string }>;
    const keys = inventory.map((r) => r.key);
    expect(keys).toEqual([...keys].sort());
    expect(keys).not.toContain('unrelated:key');
    expect(inventory.find((r) => r.key === 'joelclaw:gateway:messages')?.type).toBe('stream');
    expect(byId(arts, A.redisKeyInventory.id).facts).toMatchObject({ capped: false, keys: inventory.length });
    expect(json(arts, A.redisLegacyMessages.id)).toEqual({ key: 'gateway:messages', type: 'none', exists: false, length: 0 });
  });

  it('gives byte-identical artifacts twice under SOURCE_DATE_EPOCH, without idle times, TTLs or counters', async () => {
    await redis.set('gateway:health:monitor:general-alert-cooldown', '1', 'EX', 1200);
    const first = await redisCollector.collect(contextFor({ sourceDateEpoch: true }));
    await new Promise((r) => setTimeout(r, 1100));
    const second = await redisCollector.collect(contextFor({ sourceDateEpoch: true }));
    expect(second.map((a) => a.content)).toEqual(first.map((a) => a.content));
    const all = first.map((a) => a.content ?? '').join('\n');
    expect(all).not.toMatch(/idleMs|ttlSeconds|uptime_in_seconds|used_memory:/);
    expect(byId(first, A.redisInfo.id).content).toMatch(/^redis_version:/m);
  });
});

describe('redisCollector against servers that do not work', () => {
  it('records every artifact as an error with the refusal as reason', async () => {
    const port = await closedPort();
    const arts = await redisCollector.collect(contextFor({ redisUrl: `redis://127.0.0.1:${port}` }));
    expect(arts.map((a) => a.id)).toEqual(REDIS_ARTIFACT_IDS);
    for (const a of arts) {
      expect(a.status).toBe('error');
      expect(a.reason).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
    }
  });

  it('records every artifact as timed out when the server accepts but never answers, after one connection', async () => {
    const silent = await startSilentServer();
    try {
      const arts = await redisCollector.collect(contextFor({ redisUrl: `redis://127.0.0.1:${silent.port}`, timeoutMs: 800 }));
      expect(new Set(arts.map((a) => a.status))).toEqual(new Set(['timeout']));
      expect(arts.every((a) => a.reason === `no answer from redis://127.0.0.1:${silent.port}/0 within 800 ms`)).toBe(true);
      // one deadline for the whole source: no reconnect, no second wait
      expect(silent.connections()).toBe(1);
    } finally {
      await silent.stop();
    }
  });

  it('stops at the collection deadline signal before its own timeout', async () => {
    const silent = await startSilentServer();
    try {
      // why: a per-source timeout far away, so only the deadline signal can have stopped it
      const ctx = contextFor({ redisUrl: `redis://127.0.0.1:${silent.port}`, timeoutMs: 600_000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const arts = await redisCollector.collect({ ...ctx, signal: controller.signal });
      expect(arts.every((a) => a.status === 'timeout' && a.reason === 'the collection deadline was reached')).toBe(true);
    } finally {
      await silent.stop();
    }
  });

  it('reads through a unix socket URL', async () => {
    const arts = await redisCollector.collect(contextFor({ redisUrl: `unix://${inject('redisSocket')}?db=${DB}` }));
    expect(byId(arts, A.redisPing.id).content).toBe('PONG');
  });

  it('turns a malformed URL into one-line errors instead of throwing', async () => {
    const arts = await redisCollector.collect(contextFor({ redisUrl: 'http://nope' }));
    expect(arts.every((a) => a.status === 'error' && /unsupported scheme "http:"/.test(a.reason ?? ''))).toBe(true);
  });
});

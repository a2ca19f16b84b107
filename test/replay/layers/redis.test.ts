import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import layer from '../../../src/replay/layers/redis.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const minAgo = (m: number) => NOW - m * 60_000;
const event = (ts: number) => ({ id: `e-${ts}`, type: 'telegram.message', source: 'telegram:1', payload: {}, ts });
const lists = (gatewayTs: number[]) => JSON.stringify({
  'joelclaw:events:gateway': { type: 'list', length: gatewayTs.length, itemsKept: gatewayTs.length, olderThanWindow: 0, items: gatewayTs.map(event) },
  'joelclaw:events:main': { type: 'none', length: 0, itemsKept: 0, olderThanWindow: 0, items: [] },
});
const entry = (ms: number) => ({ id: `${ms}-0`, fields: { payload: '{"source":"telegram:1","prompt":"hi"}', metadata: '', timestamp: String(ms), priority: '1' } });
const stream = (times: number[], length = times.length) => JSON.stringify({
  key: 'joelclaw:gateway:messages', type: 'stream', length, windowStartId: `${minAgo(60)}-0`, info: {}, groups: [], pending: null,
  entriesInWindow: times.length, entriesKept: times.length, oldest: times[0] === undefined ? null : entry(times[0]), newest: null, entries: times.map(entry),
});
const up = (over: Record<string, ArtifactInput> = {}): Record<string, ArtifactInput> => ({
  [A.redisPing.id]: 'PONG',
  [A.redisEventLists.id]: lists([]),
  [A.redisMessagesStream.id]: stream([]),
  [A.redisLegacyMessages.id]: JSON.stringify({ key: 'gateway:messages', type: 'none', exists: false, length: 0 }),
  ...over,
});

const run = (arts: Record<string, ArtifactInput>) => layer.run(createContext(bundleFrom(arts)));

describe('redis layer', () => {
  it('is ok with an empty queue and no unacked messages, noting the real diagnose key bug', () => {
    const r = run(up());
    expect(r).toMatchObject({ status: 'ok', detail: 'event queue: 0, message stream: 0 unacked' });
    expect(r.findings.find((f) => f.messageId === 'legacyStreamKey')?.text).toBe('the real diagnose reads gateway:messages, which does not exist: it always reports 0');
  });

  it('fails when Redis is unreachable, with the reason', () => {
    const r = run({ [A.redisPing.id]: { status: 'error', reason: 'connect ECONNREFUSED 127.0.0.1:6379' } });
    expect(r).toMatchObject({ status: 'failed', detail: 'Redis unreachable: connect ECONNREFUSED 127.0.0.1:6379' });
  });

  it('only degrades when unreachable while the gateway says it is available in redis_degraded mode', () => {
    const health = JSON.stringify({ available: true, healthy: false, mode: 'redis_degraded' });
    const r = run({ [A.redisPing.id]: { status: 'timeout', reason: 'no answer within 10000 ms' }, [A.health.id]: health });
    expect(r.status).toBe('degraded');
    expect(r.detail).toContain('redis_degraded');
  });

  it('degrades when queued events are older than 3 minutes', () => {
    const r = run(up({ [A.redisEventLists.id]: lists([minAgo(5), minAgo(1)]) }));
    expect(r).toMatchObject({ status: 'degraded', detail: 'event queue: 2, message stream: 0 unacked; events backing up (oldest 5m)' });
    expect(run(up({ [A.redisEventLists.id]: lists([minAgo(1)]) })).status).toBe('ok');
  });

  it('degrades when unacked messages are old enough to be dropped on the next replay', () => {
    const r = run(up({ [A.redisMessagesStream.id]: stream([minAgo(30), minAgo(2)]) }));
    expect(r.status).toBe('degraded');
    expect(r.detail).toBe('event queue: 0, message stream: 2 unacked; 1 unacked message(s) older than 10 min will be dropped on the next replay');
    expect(r.findings.find((f) => f.messageId === 'unackedMessages')?.text).toBe('joelclaw:gateway:messages: 2 unacked message(s), oldest 30m');
  });

  it('notes sleep mode and the gateway config', () => {
    const r = run(up({ [A.redisMode.id]: 'sleep', [A.redisGatewayConfig.id]: JSON.stringify({ raw: '{}', parsed: { model: 'gpt-5.6-sol', fallbackProvider: 'openai-codex', fallbackModel: 'gpt-5.4' } }) }));
    expect(r.findings.map((f) => f.messageId)).toEqual(expect.arrayContaining(['sleepMode', 'config']));
  });

  it("degrades when Redis answers but holds none of the gateway's keys (is this the gateway's Redis?)", () => {
    const r = run(up({ [A.redisKeyInventory.id]: '[]\n', [A.redisMessagesStream.id]: JSON.stringify({ key: 'joelclaw:gateway:messages', type: 'none', length: 0, entries: [] }) }));
    expect(r.status).toBe('degraded');
    expect(r.detail).toContain("none of the gateway's keys: is this the gateway's Redis?");
    expect(r.findings.find((f) => f.messageId === 'noGatewayKeys')).toMatchObject({
      text: "Redis at redis://localhost:6379 answered PING but holds none of the gateway's keys (joelclaw:*, gateway:*): is this the gateway's Redis? (--redis-url)",
      evidence: [{ artifact: A.redisKeyInventory.id }],
    });
  });

  it('tells an empty Redis from the named keys when the key inventory was not collected', () => {
    const none = JSON.stringify({ key: 'joelclaw:gateway:messages', type: 'none', length: 0, entries: [] });
    const empty = { [A.redisSessions.id]: '[]\n', [A.redisMessagesStream.id]: none, [A.redisGatewayConfig.id]: { status: 'missing' as const, reason: 'key joelclaw:gateway:config does not exist' } };
    expect(run(up(empty)).findings.map((f) => f.messageId)).toContain('noGatewayKeys');
    expect(run(up({ ...empty, [A.redisSessions.id]: '["gateway"]\n' })).findings.map((f) => f.messageId)).not.toContain('noGatewayKeys');
    expect(run(up({ [A.redisKeyInventory.id]: JSON.stringify([{ key: 'joelclaw:gateway:sessions', type: 'set', hasTtl: false }]) })).status).toBe('ok');
  });

  it('is unknown when Redis was not probed', () => {
    const r = run({});
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('redis/ping');
  });
});

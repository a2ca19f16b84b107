import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { createContext } from '../../src/replay/context.js';
import { messagesStream, redisSummary, staleOnReplay } from '../../src/replay/redis-summary.js';
import { type ArtifactInput, bundleFrom } from '../helpers/bundle-from.js';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const ago = (m: number) => NOW - m * 60_000;
const entry = (ms: number) => ({ id: `${ms}-0`, fields: { payload: '{}', metadata: '', timestamp: String(ms), priority: '3' } });
const ctxOf = (arts: Record<string, ArtifactInput>) => createContext(bundleFrom(arts));

describe('redisSummary', () => {
  it('is null when no Redis artifact was collected', () => {
    expect(redisSummary(ctxOf({}))).toBeNull();
  });

  it('summarizes reachability, mode, sessions, queues, the stream and config', () => {
    const s = redisSummary(ctxOf({
      [A.redisPing.id]: 'PONG',
      [A.redisMode.id]: 'sleep',
      [A.redisSessions.id]: '["gateway","pid-12"]',
      [A.redisEventLists.id]: JSON.stringify({ 'joelclaw:events:gateway': { type: 'list', length: 3, itemsKept: 0, items: [] } }),
      [A.redisMessagesStream.id]: JSON.stringify({ key: 'joelclaw:gateway:messages', length: 2, windowStartId: `${ago(60)}-0`, entriesInWindow: 2, entries: [entry(ago(45)), entry(ago(1))], oldest: entry(ago(45)) }),
      [A.redisGatewayConfig.id]: JSON.stringify({ raw: '{"model":"gpt-5.6-sol"}', parsed: { model: 'gpt-5.6-sol' } }),
    }));
    expect(s).toEqual({
      reachable: true,
      mode: 'sleep',
      sessions: ['gateway', 'pid-12'],
      eventQueues: [{ key: 'joelclaw:events:gateway', length: 3 }],
      stream: { length: 2, unacked: 2, oldestAgeMinutes: 45, staleOnReplay: 1 },
      config: { model: 'gpt-5.6-sol' },
    });
  });

  it('reports an unreachable Redis as not reachable', () => {
    expect(redisSummary(ctxOf({ [A.redisPing.id]: { status: 'error', reason: 'ECONNREFUSED' } }))?.reachable).toBe(false);
  });
});

describe('staleOnReplay', () => {
  it('counts entries before the collection window as stale even though they were not kept', () => {
    const ctx = ctxOf({ [A.redisMessagesStream.id]: JSON.stringify({ length: 10, windowStartId: `${ago(60)}-0`, entriesInWindow: 1, entries: [entry(ago(2))], oldest: entry(ago(300)) }) });
    const stream = messagesStream(ctx);
    expect(stream && staleOnReplay(stream, ctx.now)).toBe(9);
    expect(redisSummary(ctx)?.stream?.oldestAgeMinutes).toBe(300);
  });
});

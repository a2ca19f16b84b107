import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import layer from '../../../src/replay/layers/e2e.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';

const pushed = JSON.stringify({ ok: true, command: 'joelclaw gateway test', result: { pushed: { id: 'evt-1', type: 'test.gateway-e2e', source: 'cli', payload: { test: true }, ts: 1795348800000 }, deliveredTo: ['gateway'] }, next_actions: [] });
const events = (sessionEvents: unknown[]) => JSON.stringify({ ok: true, result: { totalCount: sessionEvents.length, sessions: [{ session: 'gateway', count: sessionEvents.length, events: sessionEvents }] } });

const run = (arts: Record<string, ArtifactInput>) => layer.run(createContext(bundleFrom(arts)));

describe('e2e layer', () => {
  it('is skipped when the bundle was collected without --e2e', () => {
    expect(run({ [A.e2eTest.id]: { status: 'skipped', reason: 'not requested' } })).toMatchObject({ status: 'skipped', detail: 'not requested (collect with --e2e)' });
    expect(run({}).status).toBe('skipped');
  });

  it('is skipped on purpose in redis_degraded mode', () => {
    const health = JSON.stringify({ available: true, healthy: false, mode: 'redis_degraded' });
    expect(run({ [A.e2eTest.id]: pushed, [A.e2eEvents.id]: events([]), [A.health.id]: health })).toMatchObject({ status: 'skipped', detail: 'redis_degraded: the Redis bridge is the degraded surface' });
  });

  it('is ok when the pushed event drained', () => {
    const other = { id: 'x', type: 'cron.heartbeat', source: 'cron', ts: '2026-11-27T11:59:59Z', payload: {} };
    expect(run({ [A.e2eTest.id]: pushed, [A.e2eEvents.id]: events([other]) })).toMatchObject({ status: 'ok', detail: 'Test event pushed and drained within 8s' });
  });

  it('fails when the pushed event is still queued', () => {
    const r = run({ [A.e2eTest.id]: pushed, [A.e2eEvents.id]: events([{ id: 'evt-1', type: 'test.gateway-e2e', source: 'cli', payload: {} }]) });
    expect(r).toMatchObject({ status: 'failed', detail: 'Test event stuck in queue — session not draining' });
    expect(r.findings.find((f) => f.messageId === 'e2eStuck')?.text).toContain('gateway');
  });

  it('fails when the test command itself failed', () => {
    const r = run({ [A.e2eTest.id]: { content: '', status: 'error', exitCode: 1, stderr: 'Redis connection closed\n' } });
    expect(r).toMatchObject({ status: 'failed', detail: 'E2E test failed: Redis connection closed' });
  });

  it('is unknown when the events after the wait were not captured', () => {
    const r = run({ [A.e2eTest.id]: pushed, [A.e2eEvents.id]: { status: 'timeout', reason: 'timed out after 10 s' } });
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('timed out');
  });
});

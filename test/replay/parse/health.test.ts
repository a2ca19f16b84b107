import { describe, expect, it } from 'vitest';
import { healthSection, parseHealth } from '../../../src/replay/parse/health.js';

describe('parseHealth', () => {
  it('reads the top level and keeps status sections reachable', () => {
    const body = { ok: true, available: true, healthy: false, mode: 'redis_degraded', degradedCapabilities: [{ key: 'redis_event_bridge', reason: 'reconnect_scheduled' }], status: { sessionPressure: { health: 'ok' } } };
    const parsed = parseHealth(JSON.stringify(body));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.body.mode).toBe('redis_degraded');
    expect(parsed.body.degradedCapabilities).toEqual([{ key: 'redis_event_bridge', reason: 'reconnect_scheduled' }]);
    expect(healthSection(parsed.body, 'sessionPressure')).toEqual({ health: 'ok' });
  });

  it('accepts old capability strings and ignores fields of the wrong type', () => {
    const parsed = parseHealth('{"available":"yes","degradedCapabilities":["message_replay"]}');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.body.available).toBeUndefined();
    expect(parsed.body.degradedCapabilities).toEqual([{ key: 'message_replay', reason: null }]);
  });

  it('says in one line why a body is not usable', () => {
    const bad = parseHealth('<html>502</html>');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^\/health body is not JSON: [^\n]+$/);
    expect(parseHealth('[1,2]')).toEqual({ ok: false, error: '/health body is not a JSON object' });
  });
});

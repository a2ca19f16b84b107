import { describe, expect, it } from 'vitest';
import { sessionPressureLayer } from '../../src/replay/diagnose-sublayers.js';
import { healthBody } from '../helpers/simulated-host/formats.js';

// L3 session-pressure of the real diagnose, from /health's status.sessionPressure. The daemon's snapshot is
// flat (session-pressure.ts:18-46), and the real CLI reads it flat (gateway.ts:2161-2168).

const NOW = new Date('2026-11-27T12:00:00.000Z');
const snapshot = (over: Parameters<typeof healthBody>[0] = {}) =>
  (healthBody({ contextTokens: 190_000, threads: { active: 2, warm: 1, total: 5 }, consecutivePromptFailures: 1, fallback: { active: true, model: 'openai-codex/gpt-5.4', since: '2026-11-27T11:40:00.000Z', activationCount: 3 }, ...over }) as { status: { sessionPressure: Record<string, unknown> } }).status.sessionPressure;

describe('the session-pressure sub-layer', () => {
  it("reads the daemon's flat thread and fallback fields", () => {
    const l = sessionPressureLayer(snapshot(), NOW)!;
    expect(l).toMatchObject({ layer: 'session-pressure', status: 'degraded' });
    expect(l.findings).toEqual([
      'context: 70% used',
      'last compaction: 70m ago',
      'session age: 2.0h',
      'next action: compact',
      'next threshold: rotate at 75% context or 8h session age',
      'threads: 2 active / 1 warm / 5 total',
      'fallback: active; activations: 3; consecutive failures: 1',
      'signals: context_usage',
    ]);
  });

  it('still reads nested threads{} and fallback{} objects', () => {
    const l = sessionPressureLayer({ health: 'ok', threads: { active: 1, warm: 0, total: 2 }, fallback: { active: false, activationCount: 0, consecutiveFailures: 0 } }, NOW)!;
    expect(l.findings).toContain('threads: 1 active / 0 warm / 2 total');
    expect(l.findings).toContain('fallback: inactive; activations: 0; consecutive failures: 0');
  });
});

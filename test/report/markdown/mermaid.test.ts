import { describe, expect, it } from 'vitest';
import { MERMAID_MAX_ITEMS, mermaidGantt, mermaidLabel } from '../../../src/report/markdown/mermaid.js';
import type { TimelineEntry } from '../../../src/replay/types.js';
import { baseDiagnosis, failedDiagnosis } from '../base-diagnosis.js';

const at = (min: number) => new Date(Date.parse('2026-11-27T11:00:00.000Z') + min * 60_000).toISOString();
const entry = (min: number, text: string): TimelineEntry => ({ at: at(min), source: 'gateway.log', text });

describe('the Mermaid capture-window diagram', () => {
  it('escapes the characters Mermaid reads as syntax in labels', () => {
    const label = mermaidLabel('a: b; c # d `e` "f"\nnext');
    expect(label).not.toMatch(/[:;#`"\n]/);
    expect(label).toContain('next');
    expect(mermaidLabel('x'.repeat(500)).length).toBeLessThanOrEqual(48);
  });

  it('draws restarts, a fallback period still open at capture, a stuck turn and the capture time', () => {
    const d = baseDiagnosis({
      timeline: [entry(5, '[gateway] daemon started'), entry(10, '[gateway:fallback] activated'), entry(30, 'watchdog: session appears stuck'), entry(59, 'x: y')],
    });
    const g = mermaidGantt(d) ?? '';
    expect(g.split('\n')[0]).toBe('gantt');
    expect(g).toContain('section restarts\n  gateway daemon started :milestone, m1, 2026-11-27 11:05:00, 0m');
    expect(g).toContain('fallback model (still at capture) :crit, b2, 2026-11-27 11:10:00, 2026-11-27 12:00:00');
    expect(g).toContain('section stuck turns');
    expect(g).toContain('captured :milestone, cap, 2026-11-27 12:00:00, 0m');
    expect(g).not.toContain('x y');
  });

  it('draws one restart milestone per instant when the lifecycle marker, the log and OTEL all saw it', () => {
    const d = baseDiagnosis({
      timeline: [entry(5, 'restart requested (watchdog:dead-session), pid 3987'), entry(5, 'requestedAt in "[gateway] daemon started"'), entry(6, 'restart completed: pid 3987 → 4242')],
    });
    const restarts = (mermaidGantt(d) ?? '').split('\n').filter((l) => l.includes(':milestone, m'));
    expect(restarts).toHaveLength(2);
    expect(restarts[0]).toContain('restart requested (watchdog dead-session)');
  });

  it('closes a fallback period at the recovery and a degraded-mode span at the reconnect', () => {
    const d = baseDiagnosis({
      timeline: [entry(10, '[gateway:fallback] activated'), entry(20, '[gateway:fallback] recovered to primary'), entry(25, 'entering redis_degraded mode'), entry(40, '[gateway:redis] redis reconnected')],
    });
    const g = mermaidGantt(d) ?? '';
    expect(g).toContain('fallback model :crit, b1, 2026-11-27 11:10:00, 2026-11-27 11:20:00');
    expect(g).toContain('redis_degraded mode :crit, b2, 2026-11-27 11:25:00, 2026-11-27 11:40:00');
  });

  it('draws the hanging turn from the session summary up to the capture time', () => {
    const base = failedDiagnosis();
    const g = mermaidGantt({ ...base, timeline: [], session: { ...base.session!, hangingTurn: { since: at(45), kind: 'prompt', ageMinutes: 15 } } }) ?? '';
    expect(g).toContain('prompt turn hanging :crit, b1, 2026-11-27 11:45:00, 2026-11-27 12:00:00');
  });

  it('keeps only the newest items and leaves out events outside the window', () => {
    const many = Array.from({ length: 200 }, (_, i) => entry(i * 0.25, `[gateway] daemon started ${i}`));
    const g = mermaidGantt(baseDiagnosis({ timeline: [entry(-30, '[gateway] daemon started early'), ...many] })) ?? '';
    expect(g.split('\n').filter((l) => l.includes(':milestone, m'))).toHaveLength(MERMAID_MAX_ITEMS);
    expect(g).toContain('daemon started 199');
    expect(g).not.toContain('early');
  });

  it('draws nothing when the capture time does not parse', () => {
    const b = baseDiagnosis();
    expect(mermaidGantt({ ...b, bundle: { ...b.bundle, collectedAt: 'yesterday' } })).toBeNull();
  });
});

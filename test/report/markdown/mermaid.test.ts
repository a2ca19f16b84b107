import { describe, expect, it } from 'vitest';
import { MERMAID_MAX_ITEMS, mermaidGantt, mermaidLabel } from '../../../src/report/markdown/mermaid.js';
import type { Diagnosis, TimelineEntry } from '../../../src/replay/types.js';
import { baseDiagnosis, failedDiagnosis } from '../base-diagnosis.js';

const at = (min: number) => new Date(Date.parse('2026-11-27T11:00:00.000Z') + min * 60_000).toISOString();
const entry = (min: number, text: string): TimelineEntry => ({ at: at(min), source: 'gateway.log', text });

describe('the Mermaid capture-window diagram', () => {
  it('escapes the characters Mermaid reads as syntax in labels', () => {
    const label = mermaidLabel('a: b; c # d `e` "f"\nnext');
    expect(label).not.toMatch(/[:;#`"\n]/);
    expect(label).toContain('next');
    expect(mermaidLabel('x'.repeat(500)).length).toBeLessThanOrEqual(110);
  });

  it('draws restarts, a fallback period still open at capture, a stuck turn and the capture time', () => {
    const d = baseDiagnosis({
      timeline: [entry(5, '[gateway] daemon started'), entry(10, '[gateway:fallback] activated'), entry(30, 'watchdog: session appears stuck'), entry(59, 'x: y')],
    });
    const g = mermaidGantt(d) ?? '';
    expect(g.split('\n')[0]).toBe('gantt');
    expect(g).toMatch(/section restarts\n {2}gateway daemon started :milestone, m\d+, 2026-11-27 11:05:00, 0m/);
    expect(g).toMatch(/fallback model \(still at capture\) :crit, b\d+, 2026-11-27 11:10:00, 2026-11-27 12:00:00/);
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
    expect(g).toMatch(/section stuck turns\n {2}prompt turn hanging 15 min at capture :crit, b\d+, 2026-11-27 11:45:00, 2026-11-27 12:00:00/);
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

/** failedDiagnosis with its error-log finding tied to its pattern, as replay writes it. */
function withPatternFinding(d: Diagnosis): Diagnosis {
  return { ...d, layers: d.layers.map((l) => (l.id === 'error-log' ? { ...l, findings: l.findings.map((f) => ({ ...f, messageId: 'pattern:watchdog-stuck' })) } : l)) };
}

describe('the incident on the picture', () => {
  it('draws the failing layer\'s patterns by their records, placed by the log\'s last write and saying so', () => {
    const base = withPatternFinding(failedDiagnosis());
    const d = { ...base, timeline: [...base.timeline.filter((t) => t.artifact !== 'files/gateway.err'), { at: at(58), source: 'file', text: 'daemon stderr log last modified', artifact: 'files/gateway.err' }] };
    const g = mermaidGantt(d) ?? '';
    expect(g).toContain('section error-log failed evidence');
    expect(g).toMatch(/ {2}watchdog session appears stuck 3 records \(gateway\.err 80 … 120\), no own time, file written 11\.58 :milestone, m\d+, 2026-11-27 11:58:00, 0m/);
  });

  it('places a record without a time by the nearest timed record of its file', () => {
    const g = mermaidGantt(withPatternFinding(failedDiagnosis())) ?? '';
    // gateway.err 80 and 120 have no time; lines 50 (11:20) and 118 (11:40) have.
    expect(g).toMatch(/ {2}watchdog session appears stuck first of 3 records \(gateway\.err 80\), no own time, placed by line 50 :milestone, m\d+, 2026-11-27 11:20:00/);
    expect(g).toMatch(/ {2}watchdog session appears stuck last of 3 records \(gateway\.err 120\), no own time, placed by line 118 :milestone, m\d+, 2026-11-27 11:40:00/);
  });

  it('draws failed prompts, unanswered prompts and unacked messages with their age', () => {
    const base = baseDiagnosis();
    const d = baseDiagnosis({
      timeline: [
        { at: at(20), source: 'redis', text: 'unacked stream entry 1-0 from telegram:1 (P1)', artifact: 'redis/messages-stream', line: 9 },
        { at: at(53), source: 'session', text: 'assistant error: Authentication failed for "anthropic". Credentials may have expired', artifact: 'files/session.jsonl', line: 19 },
      ],
      session: { ...base.session!, unanswered: 1, unansweredTurns: [{ at: at(50), line: 18 }] },
    });
    const g = mermaidGantt(d) ?? '';
    expect(g).toContain('section failures\n  assistant error Authentication failed for anthropic … :milestone, m1, 2026-11-27 11:53:00, 0m');
    expect(g).toContain('section unanswered prompts\n  prompt with no answer, session.jsonl 18 :milestone, m2, 2026-11-27 11:50:00, 0m');
    expect(g).toContain('section unacked messages\n  unacked 40 min at capture (from telegram 1 (P1)) :crit, b3, 2026-11-27 11:20:00, 2026-11-27 12:00:00');
  });

  it('keeps evidence from before the window at its left edge, saying when it was', () => {
    const base = baseDiagnosis();
    const d = {
      ...base,
      verdict: { status: 'degraded' as const, layer: 'process' as const, summary: 'process degraded' },
      layers: base.layers.map((l) => (l.id === 'process' ? { ...l, status: 'degraded' as const, findings: [{ messageId: 'hb', text: 'heartbeat stale', severity: 'warn' as const, evidence: [{ artifact: 'files/last-heartbeat.ts', line: 1 }] }] } : l)),
      timeline: [{ at: '2026-11-27T09:00:00.000Z', source: 'heartbeat', text: 'heartbeat value', artifact: 'files/last-heartbeat.ts', line: 1 }],
    };
    expect(mermaidGantt(d)).toContain('heartbeat value (last-heartbeat.ts 1), at 11-27 09.00 (before the window) :milestone, m1, 2026-11-27 11:00:00, 0m');
  });

  it('puts what was read at capture (a command, /health) at the capture time', () => {
    const base = baseDiagnosis();
    const d = {
      ...base,
      verdict: { status: 'failed' as const, layer: 'substrate' as const, summary: 'substrate failed' },
      layers: base.layers.map((l) => (l.id === 'substrate' ? { ...l, status: 'failed' as const, detail: 'colima is not running', findings: [{ messageId: 'c', text: 'colima is not running', severity: 'error' as const, evidence: [{ artifact: 'cmd/colima-status' }] }] } : l)),
    };
    expect(mermaidGantt(d)).toContain('  section substrate failed evidence\n  substrate failed colima is not running (colima-status), read at capture :milestone, m1, 2026-11-27 12:00:00, 0m');
  });
});

import { describe, expect, it } from 'vitest';
import { timelineView } from '../../../src/report/markdown/timeline-view.js';
import type { TimelineEntry } from '../../../src/replay/types.js';
import { baseDiagnosis, failedDiagnosis } from '../base-diagnosis.js';

const entries = (n: number, artifact = 'files/gateway.err'): TimelineEntry[] =>
  Array.from({ length: n }, (_, i) => ({ at: new Date(Date.parse('2026-11-27T11:00:00.000Z') + i * 1000).toISOString(), source: 'err', text: `e${i}`, artifact, line: (i + 1) * 10 }));

describe('timelineView', () => {
  it('centres the window on the entry at or before the failing evidence line', () => {
    const d = { ...failedDiagnosis(), timeline: entries(100) }; // evidence: files/gateway.err line 120 -> entry e11
    const v = timelineView(d, 2, 0);
    expect(v.anchor).toBe('the failing evidence');
    expect(v.around.map((t) => t.text)).toEqual(['e9', 'e10', 'e11', 'e12', 'e13']);
    expect(v.hidden).toBe(95);
    expect(v.hiddenArtifacts).toEqual(['files/gateway.err']);
  });

  it('falls through to the scenario evidence when the failing log lines have no time of their own', () => {
    const base = failedDiagnosis(); // its failing evidence is files/gateway.err:120
    const timeline: TimelineEntry[] = [
      { at: '2026-11-27T11:00:00.000Z', source: 'file', text: 'gateway.err last modified', artifact: 'files/gateway.err' },
      ...entries(20, 'files/session.jsonl'),
    ];
    const scenario = { id: '2a', title: 't', cause: 'c', fix: [], layer: base.verdict.layer!, evidence: [{ artifact: 'files/session.jsonl', line: 55 }] };
    const v = timelineView({ ...base, timeline, scenarios: [scenario] }, 1, 0);
    expect(v.anchor).toBe('the failing evidence');
    expect(v.around.map((t) => t.text)).toEqual(['e3', 'e4', 'e5']); // line 50 is e4, the last at or before 55
  });

  it('centres on the capture entry when the failure cites nothing in the timeline', () => {
    const d = baseDiagnosis();
    expect(timelineView(d, 1, 0).around.map((t) => t.text)).toEqual(['turn completed', 'bundle captured']);
    expect(timelineView(d, 1, 0).anchor).toBe('the capture time');
  });

  it('folds the entries nearest the window, split before and after, up to the cap', () => {
    const d = { ...failedDiagnosis(), timeline: entries(100) };
    const v = timelineView(d, 2, 10);
    expect(v.rest.map((t) => t.text)).toEqual(['e4', 'e5', 'e6', 'e7', 'e8', 'e14', 'e15', 'e16', 'e17', 'e18']);
    expect(v.around.length + v.rest.length + v.hidden).toBe(100);
  });

  it('gives the whole cap to one side when the other is short', () => {
    const d = { ...failedDiagnosis(), timeline: entries(14) }; // anchor e11: 2 entries after the window's end? none beyond e13
    const v = timelineView(d, 2, 6);
    expect(v.rest.map((t) => t.text)).toEqual(['e3', 'e4', 'e5', 'e6', 'e7', 'e8']);
  });

  it('shows nothing around and hides everything when both limits are zero', () => {
    const v = timelineView({ ...failedDiagnosis(), timeline: entries(30) }, 0, 0);
    expect(v.around).toEqual([]);
    expect(v.hidden).toBe(30);
  });
});

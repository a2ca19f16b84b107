import { describe, expect, it } from 'vitest';
import { renderJson, toReportV1 } from '../../src/report/json.js';
import { ReportV1 } from '../../src/report/schema.js';
import type { Diagnosis } from '../../src/replay/types.js';
import { baseDiagnosis, failedDiagnosis, layer } from './base-diagnosis.js';

const degraded = (): Diagnosis => {
  const base = baseDiagnosis();
  return {
    ...base,
    verdict: { status: 'degraded', layer: 'redis', summary: 'redis degraded: 5 unacked' },
    layers: base.layers.map((l) => (l.id === 'redis' ? layer('redis', { status: 'degraded', detail: '5 unacked' }) : l)),
  };
};

const allUnknown = (): Diagnosis => {
  const base = baseDiagnosis({ session: null, redis: null, timeline: [] });
  return { ...base, bundle: { ...base.bundle, sha256: null }, layers: base.layers.map((l) => ({ ...l, status: 'unknown', reason: `${l.id} evidence missing`, detail: 'not collected' })) };
};

const cases: Array<[string, () => Diagnosis]> = [
  ['a healthy bundle', () => baseDiagnosis()],
  ['a failed bundle', failedDiagnosis],
  ['a degraded bundle', degraded],
  ['a bundle where every layer is unknown', allUnknown],
];

describe('the JSON report', () => {
  it.each(cases)('validates against ReportV1 for %s', (_name, make) => {
    const doc = JSON.parse(renderJson(make()));
    const parsed = ReportV1.safeParse(doc);
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
  });

  it('carries every contract field with the Diagnosis values', () => {
    const d = failedDiagnosis();
    const doc = JSON.parse(renderJson(d));
    expect(Object.keys(doc).slice(0, 8)).toEqual(['schema', 'bundle', 'verdict', 'layers', 'scenarios', 'patterns', 'timeline', 'collection']);
    expect(doc.bundle).toEqual(d.bundle);
    expect(doc.verdict).toEqual(d.verdict);
    expect(doc.layers.map((l: { id: string }) => l.id)).toEqual(d.layers.map((l) => l.id));
    const errorLog = doc.layers.find((l: { id: string }) => l.id === 'error-log');
    expect(errorLog.findings[0].evidence[0]).toMatchObject({ artifact: 'files/gateway.err', line: 120 });
    expect(doc.scenarios[0]).toMatchObject({ id: '3', fix: 'joelclaw gateway restart\nwatch gateway.err', fixSteps: d.scenarios[0]?.fix });
    expect(doc.patterns[0]).toMatchObject({ label: d.patterns[0]?.label, severity: 'error', count: 3, artifact: 'files/gateway.err', lastLine: 120 });
    expect(doc.timeline).toHaveLength(d.timeline.length);
    expect(doc.timeline[0]).toMatchObject({ at: d.timeline[0]?.at, source: 'gateway.log', text: '[gateway] daemon started' });
    expect(doc.collection).toMatchObject({ artifacts: 48, missing: ['cmd/e2e-gateway-test'], timedOut: [], truncated: ['files/gateway.err'] });
    expect(doc.collection.redactions.totals).toEqual({ 'telegram-bot-token': 2 });
  });

  it('leaves out a reason or a line that the Diagnosis does not have, instead of writing null', () => {
    const doc = toReportV1(failedDiagnosis());
    const ok = doc.layers.find((l) => l.id === 'process');
    expect(ok && 'reason' in ok).toBe(false);
    const capture = doc.timeline.at(-1) as Record<string, unknown>;
    expect('line' in capture).toBe(false);
    expect(capture.capture).toBe(true);
  });

  it('is the same text for the same Diagnosis, whatever order its data-keyed records were built in', () => {
    const a = baseDiagnosis();
    const b = baseDiagnosis({ collection: { ...a.collection, options: Object.fromEntries(Object.entries(a.collection.options).reverse()) } });
    expect(renderJson(a)).toBe(renderJson(b));
    expect(renderJson(a).endsWith('}\n')).toBe(true);
    expect(renderJson(a)).toContain('\n  "schema": "gwbundle.report/v1",\n');
  });
});

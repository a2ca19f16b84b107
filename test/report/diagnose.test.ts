import { describe, expect, it } from 'vitest';
import { diagnoseErrorPatterns, renderDiagnose, toDiagnoseResult } from '../../src/report/diagnose.js';
import type { DiagnoseLayer } from '../../src/replay/diagnose-sublayers.js';
import type { Diagnosis, PatternHit } from '../../src/replay/types.js';
import { baseDiagnosis, failedDiagnosis, layer } from './base-diagnosis.js';

/** The real diagnose's 12 layer names in push order (facts §2.4), with the report's substrate, session and otel in procedure order. */
const ORDER = ['substrate', 'process', 'cli-status', 'session-pressure', 'interruptibility', 'channel-health', 'channel-healing', 'operator-tracing',
  'error-log', 'stdout-log', 'e2e-test', 'session', 'otel', 'model-api', 'redis-state'];
const SUB_LAYERS = ORDER.slice(3, 8);

const sub = (layer: DiagnoseLayer['layer'], status: DiagnoseLayer['status'] = 'ok', findings: string[] = []): DiagnoseLayer => ({ layer, status, detail: `${layer} detail`, findings });

const hit = (over: Partial<PatternHit>): PatternHit => ({
  id: 'watchdog-stuck', label: 'watchdog', severity: 'error', count: 1, artifact: 'files/gateway.err', lastLine: 1, lastText: 'x', lines: [1], ...over,
});

describe('the diagnose-compatible result', () => {
  it('lists the real layer names in the real order, the three it lacks in procedure order, optional ones only when replay has them', () => {
    const all = toDiagnoseResult(baseDiagnosis({ diagnoseLayers: ['process', 'cli-status', ...SUB_LAYERS].map((n) => sub(n as DiagnoseLayer['layer'])) }));
    expect(all.layers.map((l) => l.layer)).toEqual(ORDER);
    const without = toDiagnoseResult(baseDiagnosis());
    expect(without.layers.map((l) => l.layer)).toEqual(ORDER.filter((n) => !['session-pressure', 'channel-health', 'channel-healing'].includes(n)));
  });

  it('carries a substrate failure as a failed substrate row, unhealthy, counted in the summary', () => {
    const base = baseDiagnosis();
    const d: Diagnosis = { ...base, layers: base.layers.map((l) => (l.id === 'substrate' ? layer('substrate', { status: 'failed', detail: 'colima is not running' }) : l)) };
    const r = toDiagnoseResult(d);
    expect(r.layers[0]).toEqual({ layer: 'substrate', status: 'failed', detail: 'colima is not running' });
    expect(r).toMatchObject({ healthy: false, summary: '1 failed, 0 degraded' });
  });

  it('says "All layers healthy" only when nothing failed or degraded', () => {
    const r = toDiagnoseResult(baseDiagnosis());
    expect(r).toMatchObject({ healthy: true, summary: 'All layers healthy', timestamp: '2026-11-27T12:00:00.000Z', window: '1h' });
    expect('errorPatterns' in r).toBe(false);
  });

  it('counts failed and degraded layers in the summary and is unhealthy only when one failed', () => {
    const failed = toDiagnoseResult(failedDiagnosis());
    expect(failed).toMatchObject({ healthy: false, summary: '1 failed, 1 degraded' });
    const base = baseDiagnosis({ diagnoseLayers: [sub('process'), sub('cli-status'), sub('interruptibility'), sub('channel-health', 'degraded'), sub('operator-tracing')] });
    // The sub-layers are cli-status's detail: a degraded channel-health is the report's one degraded cli-status.
    const degradedOnly: Diagnosis = { ...base, layers: base.layers.map((l) => (l.id === 'cli-status' ? layer('cli-status', { status: 'degraded', detail: 'Redis connected; channel-health degraded' }) : l)) };
    const r = toDiagnoseResult(degradedOnly);
    expect(r).toMatchObject({ healthy: true, summary: '0 failed, 1 degraded' });
    expect(r.layers.filter((l) => l.status === 'degraded').map((l) => l.layer)).toEqual(['cli-status', 'channel-health']);
  });

  it('turns an unknown layer into skipped whose detail says it was unknown and why', () => {
    const base = baseDiagnosis();
    const d: Diagnosis = { ...base, layers: base.layers.map((l) => (l.id === 'model-api' ? layer('model-api', { status: 'unknown', reason: 'curl not found', detail: 'probe could not run' }) : l)) };
    const modelApi = toDiagnoseResult(d).layers.find((l) => l.layer === 'model-api');
    expect(modelApi).toEqual({ layer: 'model-api', status: 'skipped', detail: 'unknown: curl not found' });
    // every layer unknown: replay's L1-L7 are then skipped too (diagnoseSubLayers), ours must become skipped
    const allUnknown: Diagnosis = { ...d, layers: d.layers.map((l) => ({ ...l, status: 'unknown' as const })), diagnoseLayers: d.diagnoseLayers.map((l) => ({ ...l, status: 'skipped' as const })) };
    const statuses = new Set(toDiagnoseResult(allUnknown).layers.map((l) => l.status));
    expect([...statuses]).toEqual(['skipped']);
  });

  it('echoes the collection window in hours', () => {
    const base = baseDiagnosis();
    expect(toDiagnoseResult({ ...base, collection: { ...base.collection, options: { hours: 6 } } }).window).toBe('6h');
  });

  it('reads redis-state from the real stream key and the gateway event queue', () => {
    const base = baseDiagnosis();
    const d = baseDiagnosis({ redis: { ...base.redis!, eventQueues: [{ key: 'joelclaw:events:main', length: 9 }, { key: 'joelclaw:events:gateway', length: 4 }], stream: { length: 7, unacked: 7, oldestAgeMinutes: 30, staleOnReplay: 0 } } });
    expect(toDiagnoseResult(d).layers.at(-1)).toMatchObject({ layer: 'redis-state', status: 'ok', detail: 'event queue: 4, message stream: 7' });
  });

  it('lists every pattern the report found, under the real label where one stands for it, merging rows of one label', () => {
    const rows = diagnoseErrorPatterns([
      hit({ id: 'watchdog-stuck', count: 2, lastLine: 50, lastText: 'older' }),
      hit({ id: 'otel-emit-failed', severity: 'error', count: 3, lastLine: 70, lastText: 'y'.repeat(500) }),
      hit({ id: 'watchdog-stuck', artifact: 'files/gateway.log', count: 9, lastLine: 90, lastText: 'from the stdout log' }),
      hit({ id: 'auth-failed', count: 4, lastText: 'Authentication failed' }),
    ]);
    expect(rows.map((r) => r.label)).toEqual(['watchdog-stuck', 'otel-timeout', 'auth-failed']);
    // gateway.err is what the real command reads: its last record is the row's lastLine.
    expect(rows[0]).toEqual({ label: 'watchdog-stuck', severity: 'error', count: 11, lastLine: 'older' });
    expect(rows[2]).toEqual({ label: 'auth-failed', severity: 'error', count: 4, lastLine: 'Authentication failed' });
    // The real otel-timeout regex is a warning, whatever our row says; lastLine is capped at 200 chars.
    expect(rows[1]).toMatchObject({ severity: 'warn', count: 3 });
    expect(rows[1]?.lastLine).toHaveLength(200);
  });

  it('writes error-log findings as the real "[severity] label ×count" lines, not our per-pattern findings', () => {
    const base = failedDiagnosis();
    const d: Diagnosis = { ...base, layers: base.layers.map((l) => (l.id === 'error-log' ? { ...l, findings: [{ messageId: 'pattern:watchdog-stuck', text: 'ours', evidence: [] }, { messageId: 'stuckRecovered', text: 'recovered later', evidence: [] }] } : l)) };
    expect(toDiagnoseResult(d).layers.find((l) => l.layer === 'error-log')?.findings).toEqual(['[error] watchdog-stuck ×3', '[warn] streaming-retry ×2', 'recovered later']);
  });

  it('prints the result object alone as 2-space JSON with a trailing newline', () => {
    const text = renderDiagnose(failedDiagnosis());
    expect(text.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['timestamp', 'window', 'healthy', 'summary', 'layers', 'errorPatterns']);
    expect('ok' in doc || 'command' in doc).toBe(false);
  });
});

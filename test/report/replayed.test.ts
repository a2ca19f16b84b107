import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { renderReport } from '../../src/report/index.js';
import { ReportV1 } from '../../src/report/schema.js';
import { replay } from '../../src/replay/index.js';
import { bundleFrom } from '../helpers/bundle-from.js';
import { openFence, tables } from './markdown/check.js';

// The renderers over real replay output (not hand-built Diagnosis objects): whatever replay produces renders.

const ERR_LOG = [
  '[gateway:watchdog] session appears stuck — attempting abort {',
  '  idleMs: 600000,',
  '}',
  'command-queue: session still streaming, retrying {',
  '  attempt: 1,',
  '}',
  '[gateway:watchdog] session appears stuck — attempting abort | with a pipe ```',
].join('\n');

const bundles = {
  'an empty bundle': () => bundleFrom({}),
  'a bundle with an error log': () => bundleFrom({ [A.gatewayErrLog.id]: ERR_LOG, [A.pidFile.id]: '4242\n' }),
};

describe('reports of replayed bundles', () => {
  it.each(Object.entries(bundles))('render %s in all three formats', (_name, make) => {
    const d = replay(make());
    const md = renderReport(d, 'markdown');
    expect(openFence(md)).toBeNull();
    for (const t of tables(md)) for (const c of t.counts) expect(c).toBe(t.header);
    expect(md.split('\n')[0]).toContain('captured 2026-11-27T12:00:00.000Z on panda');
    const json = ReportV1.safeParse(JSON.parse(renderReport(d, 'json')));
    expect(json.success, json.success ? '' : json.error.message).toBe(true);
    const diag = JSON.parse(renderReport(d, 'diagnose'));
    expect(diag.layers.slice(-7).map((l: { layer: string }) => l.layer)).toEqual(['error-log', 'stdout-log', 'e2e-test', 'session', 'otel', 'model-api', 'redis-state']);
    expect(new Set(diag.layers.map((l: { status: string }) => l.status)).has('unknown')).toBe(false);
  });

  it('reports the error log patterns of a replayed bundle under their real labels', () => {
    const diag = JSON.parse(renderReport(replay(bundles['a bundle with an error log']()), 'diagnose'));
    expect(diag.errorPatterns.map((p: { label: string }) => p.label)).toContain('watchdog-stuck');
    expect(diag.errorPatterns.find((p: { label: string }) => p.label === 'watchdog-stuck').count).toBe(2);
  });
});

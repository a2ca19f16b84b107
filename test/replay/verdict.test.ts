import { describe, expect, it } from 'vitest';
import type { LayerResult } from '../../src/replay/types.js';
import { verdictOf } from '../../src/replay/verdict.js';

const layer = (id: LayerResult['id'], status: LayerResult['status']): LayerResult => ({
  id,
  seedLayer: 0,
  title: id,
  status,
  detail: `${id} is ${status}`,
  findings: [],
});

describe('verdictOf', () => {
  it('names the first failed layer in procedure order even when an earlier layer degraded', () => {
    const v = verdictOf([layer('substrate', 'ok'), layer('process', 'degraded'), layer('error-log', 'failed'), layer('redis', 'failed')]);
    expect(v.status).toBe('failed');
    expect(v.layer).toBe('error-log');
    expect(v.summary).toContain('2 failed, 1 degraded');
  });

  it('falls back to the first degraded layer when nothing failed', () => {
    const v = verdictOf([layer('substrate', 'ok'), layer('session', 'degraded'), layer('redis', 'degraded')]);
    expect(v).toMatchObject({ status: 'degraded', layer: 'session' });
  });

  it('is healthy with unknown layers listed, never hiding them', () => {
    const v = verdictOf([layer('substrate', 'ok'), layer('otel', 'unknown'), layer('e2e', 'skipped')]);
    expect(v.status).toBe('ok');
    expect(v.layer).toBeNull();
    expect(v.summary).toContain('1 layer(s) unknown (otel)');
  });
});

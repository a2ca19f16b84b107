import { describe, expect, it } from 'vitest';
import { collectSummary, formatBytes } from '../../src/collect/summary.js';
import { manifestFrom } from '../helpers/bundle-from.js';

describe('collectSummary', () => {
  it('counts the sources by how they fared, the values redacted, and the size against the cap', () => {
    const { manifest } = manifestFrom({
      'files/gateway.err': 'x',
      'files/gateway.log': { content: 'y', status: 'truncated' },
      'redis/ping': { status: 'error', reason: 'connection refused' },
      'cmd/ps': { content: '', status: 'timeout' },
      'cmd/model-api-probe': { status: 'skipped', reason: 'not requested (--probe-model-api)' },
    });
    const redacted = { ...manifest, redaction: { enabled: true, totals: { 'plist-env': 8, jwt: 1 } }, options: { ...manifest.options, maxSizeBytes: 25_000_000 } };
    const n = manifest.artifacts.length;
    const missing = manifest.artifacts.filter((a) => a.status === 'missing').length;
    expect(collectSummary(redacted, 41_300)).toBe(
      `${n} sources: 1 ok, 1 cut to fit, ${missing} missing, 1 error, 1 timed out, 1 not requested; 9 values redacted; 41.3 KB of the 25 MB cap`,
    );
  });

  it('says when redaction was off', () => {
    const { manifest } = manifestFrom({});
    expect(collectSummary({ ...manifest, redaction: { enabled: false, totals: {} } }, 812)).toMatch(/; redaction OFF; 812 bytes of the /);
  });

  it('writes sizes 1000-based like the cap option', () => {
    expect([formatBytes(1), formatBytes(999), formatBytes(1000), formatBytes(900_000), formatBytes(25_000_000), formatBytes(1_234_567)]).toEqual(
      ['1 byte', '999 bytes', '1 KB', '900 KB', '25 MB', '1.2 MB'],
    );
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { A, otelSearchId } from '../../src/bundle/artifacts.js';
import { ArtifactEntry } from '../../src/bundle/manifest.js';
import { toEntry } from '../../src/collect/entries.js';

describe('toEntry', () => {
  it('takes kind, title and content type from the catalog and validates as a manifest entry', () => {
    const e = toEntry({ id: otelSearchId('gateway'), status: 'ok', source: { argv: ['joelclaw'] }, durationMs: 120 }, { bytes: 2, sha256: createHash('sha256').update('{}').digest('hex') }, {}, false);
    expect(e).toMatchObject({ kind: 'command', contentType: 'json', bytes: 2, bytesAtSource: 2, durationMs: 120 });
    expect(ArtifactEntry.safeParse(e).success).toBe(true);
  });

  it('records every duration as 0 under SOURCE_DATE_EPOCH and leaves unset fields out', () => {
    const e = toEntry({ id: A.ps.id, status: 'missing', reason: 'command not found: ps', source: { argv: ['ps'] }, durationMs: 37 }, undefined, {}, true);
    expect(e.durationMs).toBe(0);
    expect(e.bytesAtSource).toBeNull();
    expect('stderr' in e).toBe(false);
    expect(ArtifactEntry.safeParse(e).success).toBe(true);
  });
});

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { entryName } from '../../src/bundle/manifest.js';
import { verifyBundle } from '../../src/bundle/verify.js';
import { writeBundle } from '../../src/bundle/writer.js';
import { manifestFrom } from '../helpers/bundle-from.js';
import { SAMPLE, fileIn, rawTarGz, scratchDir, sha256, validParts } from './craft.js';

const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
let counter = 0;
const bundleFile = (bytes: Buffer | string): string => fileIn(dir, `v${++counter}.tar.gz`, bytes);

describe('verifyBundle', () => {
  it('passes a bundle the writer made, with its manifest and file hash', async () => {
    const { manifest, contents } = manifestFrom(SAMPLE);
    const written = await writeBundle({ outPath: join(dir, 'ok.tar.gz'), manifest, contents, mtime: new Date(0) });
    const result = await verifyBundle(written.path);
    expect(result).toEqual({ ok: true, problems: [], manifest: written.manifest, sha256: written.sha256 });
  });

  it('lists every integrity problem, one line each, in archive then manifest order', async () => {
    const { entries } = validParts();
    const damaged = entries
      .filter((e) => e.name !== entryName(A.ps.id))
      .map((e) => (e.name === entryName(A.redisPing.id) ? { ...e, body: 'PONG!' } : e))
      .map((e) => (e.name === entryName(A.gatewayErrLog.id) ? { ...e, body: 'error: BOOM\nat somewhere\n' } : e));
    const bytes = rawTarGz([...damaged, { name: 'bundle/files/extra', body: 'x' }]);
    const result = await verifyBundle(bundleFile(bytes));
    expect(result.ok).toBe(false);
    expect(result.sha256).toBe(sha256(bytes));
    expect(result.manifest?.schema).toBe('gwbundle.manifest');
    expect(result.problems).toEqual([
      `artifact ${A.gatewayErrLog.id}: sha256 mismatch (damaged or tampered)`,
      `artifact ${A.redisPing.id}: sha256 mismatch (damaged or tampered)`,
      `artifact ${A.redisPing.id}: 5 bytes in the archive, manifest says 4`,
      'entry "bundle/files/extra": not listed in the manifest',
      `artifact ${A.ps.id}: entry bundle/${A.ps.id} missing from the archive`,
    ]);
  });

  it('gives a single problem and no manifest for an unsafe bundle', async () => {
    const bytes = rawTarGz([...validParts().entries, { name: 'bundle/x', type: 'SymbolicLink', linkpath: '/etc/passwd' }]);
    expect(await verifyBundle(bundleFile(bytes))).toEqual({
      ok: false,
      problems: ['entry "bundle/x": type SymbolicLink not allowed (a bundle holds regular files only)'],
      manifest: null,
      sha256: null,
    });
  });

  it('gives a single problem for something that is not a bundle at all', async () => {
    const result = await verifyBundle(bundleFile('hello'));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['not a gwbundle bundle (not a gzip file: a bundle is a .tar.gz)']);
  });

  it('enforces the limits it is given', async () => {
    const result = await verifyBundle(bundleFile(rawTarGz(validParts().entries)), { maxEntries: 1 });
    expect(result.problems).toEqual(['more than 1 entries (maxEntries)']);
  });
});

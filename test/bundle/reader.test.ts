import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { type ReadLimits } from '../../src/bundle/limits.js';
import { entryName } from '../../src/bundle/manifest.js';
import { openBundle } from '../../src/bundle/reader.js';
import { writeBundle } from '../../src/bundle/writer.js';
import { BundleFormatError } from '../../src/errors.js';
import { manifestFrom } from '../helpers/bundle-from.js';
import { type RawEntry, SAMPLE, fileIn, manifestEntry, rawTar, rawTarGz, scratchDir, sha256, validParts } from './craft.js';

const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
let counter = 0;
const bundleFile = (bytes: Buffer | string): string => fileIn(dir, `b${++counter}.tar.gz`, bytes);

/** The refusal message of openBundle for these bytes (fails the test when the bundle is accepted). */
async function refusal(bytes: Buffer | string, limits: Partial<ReadLimits> = {}): Promise<string> {
  const error = await openBundle(bundleFile(bytes), limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleFormatError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

/** A valid bundle's entries with `extra` appended after the artifacts. */
const withExtra = (...extra: RawEntry[]): Buffer => rawTarGz([...validParts().entries, ...extra]);

describe('openBundle on a written bundle', () => {
  it('gives back every artifact as text, the manifest as written and the file hash', async () => {
    const { manifest, contents } = manifestFrom({ ...SAMPLE, [A.sessionTranscript.id]: '{"type":"message","text":"héllo ✓"}\n' });
    const written = await writeBundle({ outPath: join(dir, 'round.tar.gz'), manifest, contents, mtime: new Date(0) });
    const view = await openBundle(written.path);
    for (const [id, text] of contents) expect(view.text(id)).toBe(text);
    expect(view.manifest).toEqual(written.manifest);
    expect(view.bundleSha256).toBe(written.sha256);
    expect(view.capturedAt.toISOString()).toBe(manifest.capture.collectedAt);
    expect(view.text(A.pidFile.id)).toBeUndefined();
    expect(view.entry(A.pidFile.id)?.status).toBe('missing');
  });

  it('reads back an artifact whose entry name is longer than a classic tar header holds', async () => {
    const longId = `k8s/logs/${'redis-'.repeat(20)}0.previous`;
    const { manifest, contents } = manifestFrom({ [longId]: 'last words\n' });
    const written = await writeBundle({ outPath: join(dir, 'long.tar.gz'), manifest, contents, mtime: new Date(0) });
    expect(entryName(longId).length).toBeGreaterThan(100);
    expect((await openBundle(written.path)).text(longId)).toBe('last words\n');
  });

  it('keeps an empty command output as an empty string, not as missing', async () => {
    const view = await openBundle(bundleFile(rawTarGz(validParts().entries)));
    expect(view.text(A.ps.id)).toBe('');
  });
});

describe('openBundle refuses unsafe archives', () => {
  const cases: Array<[string, () => Buffer, RegExp]> = [
    ['an absolute path', () => withExtra({ name: '/etc/evil', body: 'x' }), /"\/etc\/evil": unsafe path \(absolute path\)/],
    ['a ".." segment', () => withExtra({ name: 'bundle/../evil', body: 'x' }), /"bundle\/\.\.\/evil": unsafe path \("\.\." segment\)/],
    ['a backslash', () => withExtra({ name: 'bundle\\evil', body: 'x' }), /unsafe path \(backslash in the name\)/],
    ['a name outside bundle/', () => withExtra({ name: 'evil.txt', body: 'x' }), /"evil\.txt": unsafe path \(outside bundle\/\)/],
    ['a symlink', () => withExtra({ name: 'bundle/files/link', type: 'SymbolicLink', linkpath: '/etc/passwd' }), /"bundle\/files\/link": type SymbolicLink not allowed/],
    ['a hardlink', () => withExtra({ name: 'bundle/files/hard', type: 'Link', linkpath: 'bundle/manifest.json' }), /type Link not allowed/],
    ['a fifo', () => withExtra({ name: 'bundle/files/fifo', type: 'FIFO' }), /type FIFO not allowed/],
    ['a character device', () => withExtra({ name: 'bundle/files/tty', type: 'CharacterDevice' }), /type CharacterDevice not allowed/],
    ['a block device', () => withExtra({ name: 'bundle/files/disk', type: 'BlockDevice' }), /type BlockDevice not allowed/],
    ['a directory', () => withExtra({ name: 'bundle/files/', type: 'Directory' }), /type Directory not allowed/],
    ['an entry type node-tar does not know', () => withExtra({ name: 'bundle/files/vol', type: 'TapeVolumeHeader' }), /"bundle\/files\/vol": unknown entry type V/],
  ];
  it.each(cases)('refuses %s in one line naming the entry and the rule', async (_name, build, expected) => {
    expect(await refusal(build())).toMatch(expected);
  });

  it('says an archive that starts with an unsafe entry is not ours, and that the entry is unsafe', async () => {
    expect(await refusal(rawTarGz([{ name: '../../etc/cron.d/x', body: 'x' }]))).toBe(
      'not a gwbundle bundle (no manifest: the archive starts with "../../etc/cron.d/x", an unsafe path (".." segment), not bundle/manifest.json)',
    );
  });
});

describe('openBundle refuses what is not a gwbundle bundle', () => {
  it('refuses an archive whose first entry is not the manifest', async () => {
    const { entries } = validParts();
    expect(await refusal(rawTarGz([...entries.slice(1), ...entries.slice(0, 1)]))).toMatch(
      /^not a gwbundle bundle \(no manifest: the archive starts with "bundle\/.+", not bundle\/manifest\.json\)$/,
    );
  });

  it('says a random .tar.gz is not a gwbundle bundle rather than naming its first entry unsafe', async () => {
    expect(await refusal(rawTarGz([{ name: 'hostname', body: 'panda\n' }, { name: 'etc/os-release', body: 'x' }]))).toBe(
      'not a gwbundle bundle (no manifest: the archive starts with "hostname", not bundle/manifest.json)',
    );
  });

  it('says a tarred directory is not a gwbundle bundle rather than refusing its entry type', async () => {
    expect(await refusal(rawTarGz([{ name: 'incident/', type: 'Directory' }, { name: 'incident/gateway.err', body: 'x' }]))).toBe(
      'not a gwbundle bundle (no manifest: the archive starts with directory "incident/", not bundle/manifest.json)',
    );
  });

  it('keeps the unsafe-entry wording for an archive that starts with our manifest', async () => {
    const { entries } = validParts();
    expect(await refusal(rawTarGz([...entries, { name: 'hostname', body: 'x' }]))).toBe('entry "hostname": unsafe path (outside bundle/)');
  });

  it('refuses an archive with no manifest at all', async () => {
    expect(await refusal(rawTarGz([]))).toBe('not a gwbundle bundle (no manifest: the gzip data holds no tar entry)');
  });

  it('refuses a directory given as the bundle', async () => {
    await expect(openBundle(dir)).rejects.toThrow(/^not a gwbundle bundle \(.+ is a directory\)$/);
  });

  it('refuses a manifest that is not JSON', async () => {
    expect(await refusal(rawTarGz([{ name: 'bundle/manifest.json', body: '{"schema": ' }]))).toMatch(/^manifest invalid: not JSON/);
  });

  it('refuses a manifest of another schema', async () => {
    const { manifest } = validParts();
    expect(await refusal(rawTarGz([manifestEntry({ ...manifest, schema: 'troubleshoot.sh/v1' })]))).toMatch(/^not a gwbundle bundle \(manifest schema is "troubleshoot\.sh\/v1"/);
  });

  it('refuses a manifest of an unknown major version', async () => {
    const { manifest } = validParts();
    expect(await refusal(rawTarGz([manifestEntry({ ...manifest, manifestVersion: '2.0' })]))).toMatch(/^unsupported manifest version 2\.0 \(this gwbundle reads 1\.x\)/);
  });

  it('accepts a newer minor version of the same major', async () => {
    const { manifest, entries } = validParts();
    const view = await openBundle(bundleFile(rawTarGz([manifestEntry({ ...manifest, manifestVersion: '1.7' }), ...entries.slice(1)])));
    expect(view.manifest.manifestVersion).toBe('1.7');
  });

  it('drops the fields a newer minor added, at any depth, and still refuses them in our own minor', async () => {
    const { manifest, entries } = validParts();
    const artifacts = manifest.artifacts.map((a, i) => (i === 0 ? { ...a, futureField: { x: 1 } } : a));
    const newer = { ...manifest, manifestVersion: '1.9', signature: 'abc', artifacts };
    const view = await openBundle(bundleFile(rawTarGz([manifestEntry(newer), ...entries.slice(1)])));
    expect(view.manifest).not.toHaveProperty('signature');
    expect(view.manifest.artifacts[0]).not.toHaveProperty('futureField');
    const same = { ...newer, manifestVersion: '1.0' };
    expect(await refusal(rawTarGz([manifestEntry(same), ...entries.slice(1)]))).toMatch(/^manifest invalid: .*[Uu]nrecognized key/);
  });

  it('refuses an invalid manifest field with its path', async () => {
    const { manifest, entries } = validParts();
    const index = manifest.artifacts.findIndex((a) => a.id === A.redisPing.id);
    const artifacts = manifest.artifacts.map((a, i) => (i === index ? { ...a, sha256: 'not-a-hash' } : a));
    const message = await refusal(rawTarGz([manifestEntry({ ...manifest, artifacts }), ...entries.slice(1)]));
    expect(message).toMatch(new RegExp(`^manifest invalid: artifacts\\.${index}\\.sha256: `));
  });

  it('refuses a manifest whose artifact path is not where its id says', async () => {
    const { manifest, entries } = validParts();
    const artifacts = manifest.artifacts.map((a) => (a.id === A.redisPing.id ? { ...a, path: 'bundle/../../x' } : a));
    expect(await refusal(rawTarGz([manifestEntry({ ...manifest, artifacts }), ...entries.slice(1)]))).toMatch(/^manifest invalid: artifacts\.\d+\.path: expected bundle\/redis\/ping/);
  });
});

describe('openBundle refuses damaged bundles', () => {
  it('refuses an entry the manifest does not list', async () => {
    expect(await refusal(withExtra({ name: 'bundle/files/extra', body: 'surprise' }))).toMatch(/^entry "bundle\/files\/extra": not listed in the manifest/);
  });

  it('refuses a manifest entry whose bytes never came', async () => {
    const { entries } = validParts();
    const without = entries.filter((e) => e.name !== entryName(A.gatewayErrLog.id));
    expect(await refusal(rawTarGz(without))).toBe(`artifact ${A.gatewayErrLog.id}: entry bundle/${A.gatewayErrLog.id} missing from the archive`);
  });

  it('refuses an artifact whose bytes do not match its sha256', async () => {
    const { entries } = validParts();
    const tampered = entries.map((e) => (e.name === entryName(A.redisPing.id) ? { ...e, body: 'PANG' } : e));
    expect(await refusal(rawTarGz(tampered))).toBe(`artifact ${A.redisPing.id}: sha256 mismatch (damaged or tampered)`);
  });

  it('refuses a duplicate entry', async () => {
    const { entries } = validParts();
    expect(await refusal(rawTarGz([...entries, entries[1] as RawEntry]))).toMatch(/duplicate entry/);
  });

  it('refuses a file that is not gzip', async () => {
    expect(await refusal('just some text, not a bundle\n')).toBe('not a gwbundle bundle (not a gzip file: a bundle is a .tar.gz)');
    expect(await refusal(rawTar(validParts().entries))).toBe('not a gwbundle bundle (not a gzip file: a bundle is a .tar.gz)');
    expect(await refusal(Buffer.alloc(0))).toMatch(/not a gzip file/);
  });

  it('refuses a truncated bundle', async () => {
    const whole = rawTarGz(validParts().entries);
    expect(await refusal(whole.subarray(0, Math.floor(whole.length / 2)))).toBe('truncated gzip data (unexpected end of file)');
    expect(await refusal(whole.subarray(0, whole.length - 4))).toBe('truncated gzip data (unexpected end of file)');
  });

  it('refuses a tar cut inside an entry even when the gzip stream is whole', async () => {
    const cut = gzipSync(rawTar(validParts().entries).subarray(0, 3000));
    expect(await refusal(cut)).toMatch(/^corrupt tar: Truncated input/);
  });

  it('refuses corrupt gzip data', async () => {
    const whole = rawTarGz(validParts().entries);
    const damaged = Buffer.concat([whole.subarray(0, 100), Buffer.alloc(50, 7), whole.subarray(150)]);
    expect(await refusal(damaged)).toMatch(/^corrupt gzip data \(/);
  });

  it('refuses gzip data that is not a tar', async () => {
    expect(await refusal(gzipSync(Buffer.alloc(2048, 0x41)))).toMatch(/^corrupt tar: /);
  });

  it('says "no such file" first for a path that does not exist', async () => {
    await expect(openBundle(join(dir, 'nope.tar.gz'))).rejects.toThrow(/^no such file: .*nope\.tar\.gz$/);
  });
});

describe('openBundle enforces its limits', () => {
  it('refuses more entries than maxEntries', async () => {
    expect(await refusal(rawTarGz(validParts().entries), { maxEntries: 2 })).toBe('more than 2 entries (maxEntries)');
  });

  it('refuses an entry over maxEntryBytes', async () => {
    expect(await refusal(rawTarGz(validParts().entries), { maxEntryBytes: 2000 })).toMatch(/^entry "bundle\/manifest\.json": \d+ bytes, over the per-entry limit of 2000 \(maxEntryBytes\)/);
    const { entries } = validParts({ [A.gatewayLog.id]: 'x'.repeat(40_000) });
    const manifestBytes = Buffer.byteLength(entries[0]?.body ?? '');
    expect(await refusal(rawTarGz(entries), { maxEntryBytes: manifestBytes + 10 })).toMatch(/^entry "bundle\/files\/gateway\.log": 40000 bytes, over the per-entry limit/);
  });

  it('refuses entries whose total is over maxTotalBytes', async () => {
    const { entries } = validParts({ [A.gatewayLog.id]: 'x'.repeat(3000), [A.gatewayErrLog.id]: 'y'.repeat(3000) });
    const manifestBytes = Buffer.byteLength(entries[0]?.body ?? '');
    expect(await refusal(rawTarGz(entries), { maxTotalBytes: manifestBytes + 4000 })).toMatch(/^entries total more than \d+ bytes \(maxTotalBytes\)/);
  });

  it('refuses a manifest over maxManifestBytes', async () => {
    expect(await refusal(rawTarGz(validParts().entries), { maxManifestBytes: 1000 })).toMatch(/^bundle\/manifest\.json: \d+ bytes, over the limit of 1000 \(maxManifestBytes\)/);
  });

  it('refuses a compressed file over maxCompressedBytes before reading it', async () => {
    expect(await refusal(rawTarGz(validParts().entries), { maxCompressedBytes: 100 })).toMatch(/^bundle is \d+ bytes, over the limit of 100 \(maxCompressedBytes\)/);
  });

  it('refuses a gzip bomb by its decompression ratio', async () => {
    // why: an empty artifact list keeps the manifest tiny, so 32 MiB of zeros pushes the ratio past 1000:1
    const { manifest } = validParts({});
    const bomb = rawTarGz([manifestEntry({ ...manifest, artifacts: [] }), { name: 'bundle/files/zeros', body: Buffer.alloc(32 << 20) }]);
    expect(await refusal(bomb)).toMatch(/^decompression ratio over 1000:1/);
  });

  it('applies a lower ratio cap when asked', async () => {
    const { entries } = validParts({ [A.gatewayLog.id]: 'a'.repeat(200_000) });
    expect(await refusal(rawTarGz(entries), { maxDecompressionRatio: 20 })).toMatch(/^decompression ratio over 20:1/);
  });

  it('rejects a nonsensical limit as a programming error', async () => {
    await expect(openBundle(bundleFile(rawTarGz(validParts().entries)), { maxEntries: 0 })).rejects.toThrow(RangeError);
  });
});

it('openBundle hashes the file it read', async () => {
  const bytes = rawTarGz(validParts().entries);
  const file = bundleFile(bytes);
  expect((await openBundle(file)).bundleSha256).toBe(sha256(bytes));
});

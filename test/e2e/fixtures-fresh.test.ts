import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import type { Manifest } from '../../src/bundle/manifest.js';
import { openBundle } from '../../src/bundle/reader.js';
import { BUNDLES_DIR, makeFixtureBundle, startFixtureRedis } from '../../scripts/make-fixtures.js';

// The committed healthy bundle is what its preset collects to today: regenerating it (same pinned paths,
// ports, Redis and clock as `npm run fixtures`) gives the same artifacts and manifest, except the facts of
// the collector's own runtime (nodeVersion, in the manifest host block and host/info). Two regenerations in
// a row are the same bytes: the reproducible-builds promise of SOURCE_DATE_EPOCH.

const PRESET = 'healthy';
const STALE = 'the committed fixture no longer matches its preset: if intended, run `npm run fixtures` and review the diff';
let dir: string;
let first: string;
let second: string;

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/** The manifest without what depends on the collector's runtime rather than the machine. */
function machineOnly(m: Manifest) {
  return {
    ...m,
    host: { ...m.host, nodeVersion: '<collector>' },
    artifacts: m.artifacts.filter((a) => a.id !== A.hostInfo.id),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-e2e-fresh-'));
  const redis = await startFixtureRedis();
  try {
    first = join(dir, 'first.tar.gz');
    second = join(dir, 'second.tar.gz');
    await makeFixtureBundle(PRESET, first);
    await makeFixtureBundle(PRESET, second);
  } finally {
    await redis.stop();
  }
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe(`the ${PRESET} fixture regenerated from its preset`, () => {
  it('is byte-identical across two regenerations in a row', async () => {
    expect(await sha256(second)).toBe(await sha256(first));
  });

  it('has the same artifacts as the committed bundle: ids, statuses and sha256', async () => {
    const fresh = (await openBundle(first)).manifest.artifacts;
    const committed = (await openBundle(join(BUNDLES_DIR, `${PRESET}.tar.gz`))).manifest.artifacts;
    const row = (a: Manifest['artifacts'][number]) => `${a.id} ${a.status} ${a.id === A.hostInfo.id ? '<runtime>' : a.sha256 ?? '-'}`;
    expect(fresh.map(row), STALE).toEqual(committed.map(row));
  });

  it('has the same manifest as the committed bundle but for the collector runtime', async () => {
    const fresh = (await openBundle(first)).manifest;
    const committed = (await openBundle(join(BUNDLES_DIR, `${PRESET}.tar.gz`))).manifest;
    expect(machineOnly(fresh), STALE).toEqual(machineOnly(committed));
    expect(fresh.host).toMatchObject({ hostname: 'panda', os: 'macOS', osVersion: '15.4', nodeVersion: process.version });
  });
});

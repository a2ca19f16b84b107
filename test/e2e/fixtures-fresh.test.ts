import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { openBundle } from '../../src/bundle/reader.js';
import type { BundleView } from '../../src/bundle/view.js';
import { COLLECTORS } from '../../src/collect/index.js';
import type { Collector, StagedArtifact } from '../../src/collect/types.js';
import {
  BUNDLES_DIR, FIXTURE_PINNED, FIXTURE_REDIS_PORT, collectFixture, machineFactsIn, presetSpec, withFixtureHost,
} from '../../scripts/make-fixtures.js';
import { type RedisServer, startRedisServer } from '../helpers/redis-server.js';
import type { SimulatedHost } from '../helpers/simulated-host/index.js';
import { PRESETS } from '../helpers/simulated-host/presets.js';
import { type CollectSite, allText, comparableArtifacts, differingArtifacts, portsOccurIn } from './helpers/fixture-compare.js';
import { tarBytes } from './helpers/collect-host.js';

// The committed healthy bundle is what its preset collects to today, on any machine: the preset is collected
// again here on free ports, in a temp dir, beside this machine's own redis-server, and compared with the
// committed bundle artifact by artifact on what the collector decided (helpers/fixture-compare.ts). A third
// collection through collectors that cut, fail and leak one artifact each proves the comparison still sees such
// changes. Two collections of one host in a row are the same bytes: the reproducible-builds promise of
// SOURCE_DATE_EPOCH.

const PRESET = 'healthy';
const STALE = 'the committed fixture no longer matches its preset: if intended, run `npm run fixtures` and review the diff';
const COMMITTED_SITE: CollectSite = {
  baseDir: FIXTURE_PINNED.baseDir,
  ports: { redis: [FIXTURE_REDIS_PORT], health: [FIXTURE_PINNED.healthPort], k8s: [FIXTURE_PINNED.k8sPort], closed: [FIXTURE_PINNED.closedPort] },
};
/** Draws of free ports before giving up on ones that are not also numbers in the committed bundle. */
const DRAWS = 5;

let dir: string;
let committed: BundleView;
let site: CollectSite;
let first: string;
let second: string;
let altered: string;

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/** Three changes a collector could make by mistake (cut one more line, fail a source, let a token through), by collector id. */
const MISTAKES: Record<string, (a: StagedArtifact) => StagedArtifact> = {
  files: (a) => (a.id === A.gatewayLog.id && a.content ? { ...a, content: a.content.slice(a.content.indexOf('\n') + 1) } : a),
  http: (a) => ({ ...a, status: 'error', reason: 'socket hang up', content: undefined, httpStatus: null }),
  commands: (a) => (a.id === A.ps.id ? { ...a, content: `${a.content ?? ''}Authorization: Bearer abcdef0123456789abcdef0123456789\n` } : a),
};

/** The real collectors, three of them passing their artifacts through a mistake (the rest of the pipeline is real). */
const ALTERED: Collector[] = COLLECTORS.map((c) => {
  const mistake = MISTAKES[c.id];
  return mistake ? { ...c, collect: async (ctx) => (await c.collect(ctx)).map(mistake) } : c;
});

const siteOf = (host: SimulatedHost, redisPort: number): CollectSite => ({
  baseDir: host.baseDir,
  ports: {
    redis: [redisPort],
    health: host.ports.health === null ? [] : [host.ports.health],
    k8s: host.ports.k8s === null ? [] : [host.ports.k8s],
    closed: host.ports.closed,
  },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-e2e-fresh-'));
  committed = await openBundle(join(BUNDLES_DIR, `${PRESET}.tar.gz`));
  const committedText = allText(committed);
  [first, second, altered] = ['first', 'second', 'altered'].map((n) => join(dir, `${n}.tar.gz`)) as [string, string, string];
  for (let draw = 1; ; draw++) {
    const redis: RedisServer = await startRedisServer();
    try {
      const done = await withFixtureHost(presetSpec(PRESET), { redisPort: redis.port }, async (host) => {
        site = siteOf(host, redis.port);
        // why: a free port that is also a number in the committed bundle could not be told from it: draw again
        if (draw < DRAWS && portsOccurIn(committedText, Object.values(site.ports).flat()).length > 0) return false;
        await collectFixture(host, first);
        await collectFixture(host, second);
        await collectFixture(host, altered, ALTERED);
        return true;
      });
      if (done) break;
    } finally {
      await redis.stop();
    }
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe(`the ${PRESET} fixture collected again from its preset on this machine`, () => {
  it('is byte-identical across two collections in a row', async () => {
    expect(await sha256(second)).toBe(await sha256(first));
  });

  it('ran on other ports and another base dir than the committed one (so the comparison below is not vacuous)', async () => {
    const fresh = await openBundle(first);
    expect(fresh.manifest.options.root.startsWith(site.baseDir)).toBe(true);
    expect(site.baseDir).not.toBe(COMMITTED_SITE.baseDir);
    expect(fresh.entry(A.health.id)?.source).toEqual({ url: `http://127.0.0.1:${site.ports.health![0]}/health` });
    expect(site.ports.health).not.toEqual(COMMITTED_SITE.ports.health);
  });

  it('has the same artifacts as the committed bundle, compared on what the collector decided', async () => {
    const want = comparableArtifacts(committed, COMMITTED_SITE);
    const got = comparableArtifacts(await openBundle(first), site);
    const differ = differingArtifacts(want, got);
    for (const id of differ) expect(got.get(id), `${id}: ${STALE}`).toBe(want.get(id));
    expect(differ).toEqual([]);
  });

  it('tells a collector that cuts, fails or redacts one artifact differently from the committed bundle', async () => {
    const want = comparableArtifacts(committed, COMMITTED_SITE);
    const got = comparableArtifacts(await openBundle(altered), site);
    // the leaked token is redacted (the real redactor runs), which also moves the manifest's redaction totals
    expect(differingArtifacts(want, got)).toEqual([A.ps.id, A.gatewayLog.id, A.health.id, 'manifest'].sort());
  });

  it("carries neither this machine's kernel release nor its hostname", async () => {
    expect(machineFactsIn(await tarBytes(first), JSON.stringify(PRESETS[PRESET]!()))).toEqual([]);
  });
});

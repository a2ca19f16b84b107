import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, podLogId } from '../../../src/bundle/artifacts.js';
import { k8sCollector } from '../../../src/collect/k8s/index.js';
import type { CollectContext, CollectOptions } from '../../../src/collect/types.js';
import { type FakeK8sState, eventObject, nodeObject, podObject, startFakeK8s } from '../../helpers/fake-k8s.js';
import { closedPort } from '../../helpers/silent-server.js';
import { byId } from '../helpers/artifacts.js';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const NS = 'joelclaw';
let dir: string;
let binDir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-k8s-'));
  binDir = join(dir, 'bin');
  // A fake kubectl on PATH that answers JSON naming the command it ran.
  await mkdir(binDir);
  await writeFile(join(binDir, 'kubectl'), `#!/bin/sh\necho "{\\"kind\\":\\"List\\",\\"fake\\":\\"$2\\",\\"args\\":\\"$*\\"}"\n`);
  await chmod(join(binDir, 'kubectl'), 0o755);
});
afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5 }));

const contextFor = (over: Partial<CollectOptions>): CollectContext => ({
  options: {
    root: '/', home: '/home/joel', hours: 1, timeoutMs: 10_000, maxSizeBytes: 25e6, redisUrl: 'unix:///nonexistent-gwbundle-root/redis.sock',
    kubeconfig: null, namespace: NS, e2e: false, probeModelApi: false, redact: true, now: new Date(NOW),
    sourceDateEpoch: false, env: { PATH: `${binDir}:${process.env.PATH ?? ''}` }, uid: 501, ...over,
  },
  signal: new AbortController().signal,
  startedAtEpochMs: Date.now(),
  resolve: (p) => p,
  progress: () => undefined,
});


const cluster = (): FakeK8sState => ({
  nodes: [nodeObject('colima', true)],
  pods: [
    podObject('redis-0', NS, 'Running', { ready: true, restartCount: 2 }),
    podObject('gateway-web-1', NS, 'Running', { ready: true, restartCount: 0 }),
  ],
  events: [
    eventObject('late', NS, { reason: 'BackOff', message: 'Back-off restarting', lastTimestamp: '2026-11-27T11:50:00Z' }),
    eventObject('early', NS, { reason: 'Killing', message: 'OOMKilled', lastTimestamp: '2026-11-27T11:20:00Z' }),
    eventObject('stale', NS, { reason: 'Pulled', message: 'old news', lastTimestamp: '2026-11-27T08:00:00Z' }),
  ],
  logs: {
    'redis-0': Array.from({ length: 600 }, (_, i) => `2026-11-27T11:00:00Z line ${i}`).join('\n') + '\n',
    'redis-0.previous': '2026-11-27T10:59:00Z # OOM command not allowed\n',
  },
});

describe('k8sCollector against a reachable API', () => {
  it('records nodes and pods as API list JSON without managedFields', async () => {
    const fake = await startFakeK8s(cluster(), { dir });
    try {
      const arts = await k8sCollector.collect(contextFor({ kubeconfig: fake.kubeconfigPath }));
      const nodes = JSON.parse(byId(arts, A.k8sNodes.id).content!);
      expect(nodes).toMatchObject({ kind: 'NodeList', apiVersion: 'v1', metadata: { resourceVersion: '4242' } });
      expect(nodes.items[0].status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
      const pods = JSON.parse(byId(arts, A.k8sPods.id).content!);
      expect(pods.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['redis-0', 'gateway-web-1']);
      expect(pods.items[0].status.containerStatuses[0].restartCount).toBe(2);
      expect(byId(arts, A.k8sPods.id).content).not.toContain('managedFields');
      expect(byId(arts, A.k8sNodes.id).content).not.toContain('managedFields');
      expect(fake.requests.some((r) => r.startsWith(`/api/v1/namespaces/${NS}/pods`))).toBe(true);
    } finally {
      await fake.stop();
    }
  });

  it('keeps only the events inside the window, oldest first', async () => {
    const fake = await startFakeK8s(cluster(), { dir });
    try {
      const art = byId(await k8sCollector.collect(contextFor({ kubeconfig: fake.kubeconfigPath })), A.k8sEvents.id);
      const names = JSON.parse(art.content!).items.map((e: { metadata: { name: string } }) => e.metadata.name);
      expect(names).toEqual(['early', 'late']);
      expect(art.facts).toMatchObject({ total: 3, kept: 2 });
    } finally {
      await fake.stop();
    }
  });

  it('keeps a repeating event by its series.lastObservedTime, though its eventTime is older than the window', async () => {
    const state = cluster();
    // recorded through events.k8s.io: first seen 3 h ago, still repeating 10 min ago
    state.events = [eventObject('repeating', NS, { reason: 'FailedScheduling', message: '0/1 nodes are available', lastTimestamp: '2026-11-27T11:50:00.000Z', series: { count: 37, firstTime: '2026-11-27T09:00:00.000Z' } })];
    const fake = await startFakeK8s(state, { dir });
    try {
      const art = byId(await k8sCollector.collect(contextFor({ kubeconfig: fake.kubeconfigPath })), A.k8sEvents.id);
      const items = JSON.parse(art.content!).items;
      expect(items.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(['repeating']);
      expect(items[0].series.count).toBe(37);
    } finally {
      await fake.stop();
    }
  });

  it('tails pod logs to 500 lines, reads the previous log only after a restart, and marks absent pods missing', async () => {
    const fake = await startFakeK8s(cluster(), { dir });
    try {
      const arts = await k8sCollector.collect(contextFor({ kubeconfig: fake.kubeconfigPath }));
      const log = byId(arts, podLogId('redis-0')).content!;
      expect(log.trimEnd().split('\n')).toHaveLength(500);
      expect(log.trimEnd().split('\n').at(-1)).toMatch(/line 599$/);
      expect(byId(arts, podLogId('redis-0', true)).content).toContain('OOM command not allowed');
      expect(byId(arts, podLogId('inngest-0'))).toMatchObject({ status: 'missing', reason: `pod inngest-0 not found in namespace ${NS}` });
      expect(byId(arts, A.kubectlNodes.id)).toMatchObject({ status: 'skipped', reason: 'the API collector reached the cluster' });
      expect(byId(arts, A.kubectlPods.id).status).toBe('skipped');
      expect(fake.requests.some((r) => r.includes('inngest-0/log'))).toBe(false);
    } finally {
      await fake.stop();
    }
  });

  it('skips the previous log of a pod that never restarted', async () => {
    const state = cluster();
    state.pods = [podObject('redis-0', NS, 'Running', { ready: true, restartCount: 0 })];
    const fake = await startFakeK8s(state, { dir });
    try {
      const arts = await k8sCollector.collect(contextFor({ kubeconfig: fake.kubeconfigPath }));
      expect(byId(arts, podLogId('redis-0', true)).status).toBe('skipped');
      expect(fake.requests.some((r) => r.includes('previous=true'))).toBe(false);
    } finally {
      await fake.stop();
    }
  });
});

describe('k8sCollector when the cluster cannot be reached', () => {
  it('records the API artifacts as errors and runs the kubectl fallback', async () => {
    const port = await closedPort();
    const fake = await startFakeK8s(cluster(), { dir });
    await fake.stop();
    const kubeconfig = join(dir, 'refused.yaml');
    await writeFile(kubeconfig, (await readFile(fake.kubeconfigPath, 'utf8')).replace(/server: .*/, `server: http://127.0.0.1:${port}`));
    const arts = await k8sCollector.collect(contextFor({ kubeconfig }));
    const nodes = byId(arts, A.k8sNodes.id);
    expect(nodes.status).toBe('error');
    expect(nodes.reason).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(byId(arts, podLogId('redis-0'))).toMatchObject({ status: 'error', source: { resource: `pods/${NS}/redis-0/log` } });
    const kNodes = byId(arts, A.kubectlNodes.id);
    expect(kNodes).toMatchObject({ status: 'ok', exitCode: 0, source: { argv: ['kubectl', 'get', 'nodes', '-o', 'json', '--kubeconfig', kubeconfig] } });
    expect(JSON.parse(kNodes.content!).fake).toBe('nodes');
    expect(JSON.parse(byId(arts, A.kubectlPods.id).content!).args).toContain(`pods -n ${NS} -o json`);
  });

  it('records a kubeconfig that does not exist as an error with a one-line reason', async () => {
    const arts = await k8sCollector.collect(contextFor({ kubeconfig: join(dir, 'nope.yaml') }));
    const nodes = byId(arts, A.k8sNodes.id);
    expect(nodes.status).toBe('error');
    expect(nodes.reason).toMatch(/cannot load kubeconfig .*nope\.yaml/);
    expect(nodes.reason).not.toContain('\n');
    expect(byId(arts, A.kubectlPods.id).status).toBe('ok');
  });

  it('records no configured cluster as missing, not as a cluster that is down', async () => {
    const home = join(dir, 'home');
    await mkdir(home);
    const arts = await k8sCollector.collect(contextFor({ kubeconfig: null, env: { PATH: `${binDir}:${process.env.PATH ?? ''}`, HOME: home } }));
    const nodes = byId(arts, A.k8sNodes.id);
    expect(nodes.status).toBe('missing');
    expect(nodes.reason).toBe('no kubeconfig: none given (--kubeconfig), KUBECONFIG unset, no ~/.kube/config');
    expect(byId(arts, A.k8sPods.id).status).toBe('missing');
  });

  it('finds ~/.kube/config of the collecting user when no kubeconfig is given', async () => {
    const home = join(dir, 'home');
    await mkdir(join(home, '.kube'), { recursive: true });
    await writeFile(join(home, '.kube', 'config'), 'apiVersion: v1\nkind: Config\nclusters: []\n');
    const arts = await k8sCollector.collect(contextFor({ kubeconfig: null, env: { PATH: `${binDir}:${process.env.PATH ?? ''}`, HOME: home } }));
    expect(byId(arts, A.k8sNodes.id).reason).toContain(join(home, '.kube', 'config'));
  });

  it('records a hung API server as timed out after one call, and runs kubectl beside it within the same deadline', async () => {
    const fake = await startFakeK8s({ ...cluster(), hang: true }, { dir });
    try {
      const arts = await k8sCollector.collect(contextFor({ kubeconfig: fake.kubeconfigPath, timeoutMs: 2000 }));
      for (const id of [A.k8sNodes.id, A.k8sPods.id, A.k8sEvents.id, podLogId('redis-0')]) {
        expect(byId(arts, id)).toMatchObject({ status: 'timeout' });
      }
      expect(byId(arts, A.k8sNodes.id).reason).toMatch(/within 2000 ms/);
      // one unanswered call is enough: nothing else waits out its own timeout
      expect(fake.requests).toHaveLength(1);
      expect(byId(arts, A.kubectlNodes.id).status).toBe('ok');
    } finally {
      await fake.stop();
    }
  });

  it('shares one deadline between the calls of an API that answers, then stops answering', async () => {
    const fake = await startFakeK8s({ ...cluster(), hang: /\/pods(\?|$)/ }, { dir });
    try {
      const arts = await k8sCollector.collect(contextFor({ kubeconfig: fake.kubeconfigPath, timeoutMs: 2000 }));
      expect(byId(arts, A.k8sNodes.id).status).toBe('ok');
      expect(byId(arts, A.k8sPods.id)).toMatchObject({ status: 'timeout', reason: expect.stringMatching(/no answer within 2000 ms/) });
      // the pod list used up the source's deadline: the events are not asked for at all
      expect(byId(arts, A.k8sEvents.id)).toMatchObject({ status: 'timeout', reason: expect.stringMatching(/not attempted/) });
      expect(fake.requests.some((r) => r.includes('/events'))).toBe(false);
      expect(byId(arts, A.kubectlNodes.id)).toMatchObject({ status: 'skipped', reason: 'the API collector reached the cluster' });
    } finally {
      await fake.stop();
    }
  });
});

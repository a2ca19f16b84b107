import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import type { CollectOptions } from '../../../src/collect/types.js';
import { startHealthServer } from '../fake-health.js';
import { startFakeK8s } from '../fake-k8s.js';
import { seedRedis } from '../seed-redis.js';
import { type FakeCall, pidAlive, readFakeCalls, readHangPids, writeFakeBin } from './fake-bin.js';
import { closedPort, startSilentServer } from '../silent-server.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { PATHS, type SimulatedHostSpec, WS_PORT_PLACEHOLDER } from './spec.js';

// The simulated gateway host that collect tests, replay tests and the example fixture bundles share: one
// spec (plain data) becomes a machine root, a PATH of fake commands, a seeded Redis DB, a /health server and
// a fake Kubernetes API, all torn down by stop().

export * from './spec.js';

/** A running simulated machine. */
export interface SimulatedHost {
  /** The directory that holds root, bin and ctl (a temp dir, or the pinned one). */
  baseDir: string;
  /** The machine's `/` (pass as --root). */
  root: string;
  /** The owner's home as a machine path (pass as --home). */
  home: string;
  binDir: string;
  /** Control files of the fakes (answers, call log, hang pids); outside root so they are not evidence. */
  ctlDir: string;
  /** PATH with the fake commands first; nothing secret. */
  env: NodeJS.ProcessEnv;
  redisUrl: string;
  kubeconfig: string | null;
  namespace: string;
  /** SOURCE_DATE_EPOCH (seconds) of the spec's capture time. */
  sourceDateEpoch: string;
  /** The health server's port, or the closed port written for a refused /health, or null without a port file. */
  wsPort: number | null;
  /** Every port this host put into the machine: its /health, its k8s API and the closed ones it refers to. */
  ports: { health: number | null; k8s: number | null; closed: number[] };
  collectOptions(over?: Partial<CollectOptions>): CollectOptions;
  /** Fake commands run so far. */
  calls(): Promise<FakeCall[]>;
  /** Pids of hung fake commands and their grandchild sleepers. */
  hangPids(): Promise<number[]>;
  stop(): Promise<void>;
}

/** Writes one machine file under root with its mtime (a fact the collector records). */
async function writeMachineFile(root: string, path: string, content: string, mtime: string): Promise<void> {
  if (!path.startsWith('/')) throw new Error(`simulated host: file path must be absolute, got "${path}"`);
  const full = join(root, path);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, content);
  const at = new Date(mtime);
  await utimes(full, at, at);
}

/** Seeds the gateway's Redis state into its own DB index (seedRedis flushes it first: the host owns that DB). */
async function seedDb(port: number, db: number, state: Exclude<SimulatedHostSpec['redis'], string>): Promise<void> {
  const redis = new Redis({ host: '127.0.0.1', port, db, lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await seedRedis(redis, state);
  } finally {
    redis.disconnect();
  }
}

/**
 * Fixed places for reproducible fixture bundles (`npm run fixtures`): the root path, the ports and the Redis
 * URL end up in the bundle (options, ws.port file, sources), so they must not vary between runs.
 */
export interface PinnedHost {
  baseDir: string;
  healthPort: number;
  k8sPort: number;
  /** A port where nothing listens, for refused Redis / /health / cluster. */
  closedPort: number;
}

/** Builds the machine described by `spec`; on any failure what already started is stopped again. */
export async function createSimulatedHost(
  spec: SimulatedHostSpec,
  opts: { redisPort: number; redisDb: number; pinned?: PinnedHost },
): Promise<SimulatedHost> {
  const pinned = opts.pinned;
  const base = pinned ? pinned.baseDir : await mkdtemp(join(tmpdir(), 'gwbundle-host-'));
  if (pinned) {
    await rm(base, { recursive: true, force: true, maxRetries: 5 });
    await mkdir(base, { recursive: true });
  }
  const closedPorts = new Set<number>();
  const deadPort = async () => {
    const port = pinned?.closedPort ?? (await closedPort());
    closedPorts.add(port);
    return port;
  };
  const root = join(base, 'root');
  const binDir = join(base, 'bin');
  const ctlDir = join(base, 'ctl');
  const stops: Array<() => Promise<void>> = [async () => rm(base, { recursive: true, force: true, maxRetries: 5 })];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };
  // Hung fake commands the collector failed to kill must not outlive the host.
  stops.push(async () => {
    for (const pid of await readHangPids(ctlDir)) {
      try {
        if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone between the check and the kill
      }
    }
  });
  try {
    await mkdir(root, { recursive: true });
    await writeFakeBin(spec.commands, binDir, ctlDir);

    let redisUrl = `redis://127.0.0.1:${opts.redisPort}/${opts.redisDb}`;
    if (spec.redis === 'refused') redisUrl = `redis://127.0.0.1:${await deadPort()}`;
    else if (spec.redis === 'silent') {
      const silent = await startSilentServer();
      stops.push(silent.stop);
      redisUrl = `redis://127.0.0.1:${silent.port}`;
    } else await seedDb(opts.redisPort, opts.redisDb, spec.redis);

    let healthPort: number;
    if (spec.health === 'refused') healthPort = await deadPort();
    else {
      const h = spec.health === 'hang' ? { status: 200, body: '', hang: true } : spec.health;
      const server = await startHealthServer({ ...h, port: pinned?.healthPort });
      stops.push(() => server.stop());
      healthPort = server.port;
    }
    for (const [path, file] of Object.entries(spec.files)) {
      if (spec.wsPortFile && path === PATHS.wsPortFile) continue;
      const content = file.content.replaceAll(WS_PORT_PLACEHOLDER, String(healthPort));
      await writeMachineFile(root, path, content, file.mtime ?? spec.capturedAt);
    }
    if (spec.wsPortFile) {
      const mtime = spec.files[PATHS.wsPortFile]?.mtime ?? spec.capturedAt;
      await writeMachineFile(root, PATHS.wsPortFile, `${healthPort}\n`, mtime);
    }

    let kubeconfig: string;
    let k8sPort: number | null = null;
    if (spec.k8s === 'unreachable') {
      kubeconfig = join(ctlDir, 'kubeconfig.yaml');
      await writeFile(kubeconfig, kubeconfigYaml(`http://127.0.0.1:${await deadPort()}`, spec.namespace));
    } else {
      const state = spec.k8s === 'hang' ? { nodes: [], pods: [], events: [], logs: {}, hang: true } : spec.k8s;
      const k8sDir = join(ctlDir, 'k8s');
      await mkdir(k8sDir, { recursive: true });
      const k8s = await startFakeK8s(state, { dir: k8sDir, namespace: spec.namespace, port: pinned?.k8sPort });
      stops.push(() => k8s.stop());
      kubeconfig = k8s.kubeconfigPath;
      k8sPort = Number(new URL(k8s.url).port);
    }

    const env: NodeJS.ProcessEnv = { PATH: `${binDir}:${process.env.PATH ?? ''}`, HOME: join(root, spec.home), LC_ALL: 'C' };
    const sourceDateEpoch = String(Math.floor(Date.parse(spec.capturedAt) / 1000));
    return {
      baseDir: base,
      root,
      home: spec.home,
      binDir,
      ctlDir,
      env,
      redisUrl,
      kubeconfig,
      namespace: spec.namespace,
      sourceDateEpoch,
      wsPort: spec.wsPortFile ? healthPort : null,
      ports: { health: spec.health === 'refused' ? null : healthPort, k8s: k8sPort, closed: [...closedPorts] },
      collectOptions: (over = {}) => ({
        root,
        home: spec.home,
        hours: 1,
        // why: the CLI's own default; a fake command is a node process, which a loaded 2-core machine may take
        // seconds to start. Tests about timeouts set their own.
        timeoutMs: 10_000,
        maxSizeBytes: 25_000_000,
        redisUrl,
        kubeconfig,
        namespace: spec.namespace,
        e2e: false,
        probeModelApi: false,
        redact: true,
        now: new Date(spec.capturedAt),
        sourceDateEpoch: true,
        env: { ...env },
        uid: spec.uid,
        // why: without a port file the collector asks the daemon's default 3018, which may be the real gateway on
        // the machine running the tests; this host's /health (or its closed port) stands in for that default.
        defaultWsPort: healthPort,
        ...over,
      }),
      calls: () => readFakeCalls(ctlDir),
      hangPids: () => readHangPids(ctlDir),
      stop,
    };
  } catch (e) {
    await stop();
    throw new Error(`simulated host could not start: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

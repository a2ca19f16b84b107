import { join } from 'node:path';
import { openBundle } from '../../src/bundle/reader.js';
import { type SimulatedHost, type SimulatedHostSpec, createSimulatedHost } from '../../test/helpers/simulated-host/index.js';
import type { BigArtifact } from './notes.js';
import { type Run, runCli } from './process.js';

// A simulated host collected the way a user does it: `gwbundle collect` with --root, --home, the host's
// Redis, cluster and PATH, and SOURCE_DATE_EPOCH at the preset's capture time.

/** What every case needs: a scratch dir, the bench's Redis, a progress line. */
export interface BenchContext {
  work: string;
  redisPort: number;
  log(message: string): void;
}

/** A host and how to collect it with the CLI. */
export interface CliHost {
  host: SimulatedHost;
  /** `gwbundle collect` of the host into `<work>/<name>.tar.gz`; returns the run and the bundle path. */
  collect(name: string, timeoutSec?: number): Promise<{ run: Run; bundle: string }>;
  stop(): Promise<void>;
}

const UID = typeof process.getuid === 'function' ? process.getuid() : 501;

/**
 * The presets answer `launchctl ... gui/501/...`; the CLI asks for the uid that runs it, so the bench's fake
 * launchctl answers for that uid instead.
 */
function forThisUid(spec: SimulatedHostSpec): SimulatedHostSpec {
  const launchctl = spec.commands.launchctl;
  if (!launchctl) return spec;
  const answers = Object.fromEntries(Object.entries(launchctl).map(([argv, a]) => [argv.replaceAll('gui/501', `gui/${UID}`), a]));
  return { ...spec, commands: { ...spec.commands, launchctl: answers } };
}

/** Builds the host of `spec` in its own Redis DB. */
export async function cliHost(ctx: BenchContext, spec: SimulatedHostSpec, db: number): Promise<CliHost> {
  const host = await createSimulatedHost(forThisUid(spec), { redisPort: ctx.redisPort, redisDb: db });
  const env = { ...host.env, SOURCE_DATE_EPOCH: host.sourceDateEpoch, NO_COLOR: '1' };
  return {
    host,
    async collect(name, timeoutSec = 10) {
      const bundle = join(ctx.work, `${name}.tar.gz`);
      const args = ['collect', '--root', host.root, '--home', host.home, '--redis-url', host.redisUrl, '--namespace', host.namespace,
        '--timeout', String(timeoutSec), '-o', bundle, ...(host.kubeconfig ? ['--kubeconfig', host.kubeconfig] : [])];
      const run = await runCli(args, { env, work: ctx.work });
      if (run.code !== 0) throw new Error(`collect ${name} exited ${run.code}: ${run.stderr.at(-1)?.line ?? ''}`);
      return { run, bundle };
    },
    stop: () => host.stop(),
  };
}

/** The bundle's size on disk and its big artifacts, from its manifest. */
export async function bundleFacts(bundle: string, ids: readonly string[]): Promise<{ big: BigArtifact[]; decoded: number }> {
  const view = await openBundle(bundle);
  const big = view.manifest.artifacts.filter((a) => ids.includes(a.id)).map((a) => ({ id: a.id, status: a.status, bytes: a.bytes, bytesAtSource: a.bytesAtSource }));
  return { big, decoded: view.manifest.artifacts.reduce((s, a) => s + a.bytes, 0) };
}

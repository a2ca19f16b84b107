import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A } from '../src/bundle/artifacts.js';
import { openBundle } from '../src/bundle/reader.js';
import { closedPort } from './helpers/silent-server.js';

// Which modules each command loads, recorded by a module hook in the CLI's own process (not how long it takes):
// usage errors, --help, verify, inspect and show never load a collector, the Kubernetes client, the Redis
// client, execa or the redaction rules; collect reads the cluster only when there is a kubeconfig, and loads
// the Kubernetes client in a worker thread, never on the main thread.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RECORDER = join(ROOT, 'test', 'helpers', 'module-log', 'register.mjs');
const BUNDLE = join(ROOT, 'fixtures', 'bundles', 'healthy.tar.gz');

/** Module URLs that mean "a collector or one of its heavy dependencies was loaded". */
const COLLECT_ONLY: Record<string, RegExp> = {
  collectors: /\/src\/collect\/((redis|k8s|commands|files|transcript|host|http)\/)?index\.ts$/,
  'Kubernetes client': /\/node_modules\/@kubernetes\/client-node\//,
  'Redis client': /\/node_modules\/ioredis\//,
  execa: /\/node_modules\/execa\//,
  secretlint: /\/node_modules\/@secretlint\//,
  'redaction rules': /\/src\/redact\//,
};

let dir: string;
let home: string;
let runs = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-cli-modules-'));
  // An empty home: no ~/.kube/config, so "no kubeconfig" is true of this machine too.
  home = join(dir, 'home');
  await mkdir(home);
  // why: collect asks /health on the port this file names, else on the gateway's own 3018, which may be a live
  // gateway on the machine running the tests: name a port nothing listens on
  await mkdir(join(dir, 'tmp', 'joelclaw'), { recursive: true });
  await writeFile(join(dir, 'tmp', 'joelclaw', 'gateway.ws.port'), `${await closedPort()}\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the CLI (through tsx) with a clean environment; returns its exit code, stderr and the modules it loaded. */
async function run(args: string[]): Promise<{ code: number; stderr: string; modules: string[] }> {
  const log = join(dir, `modules-${runs++}.log`);
  const env = { PATH: dirname(process.execPath), HOME: home, NO_COLOR: '1', GWBUNDLE_MODULE_LOG: log };
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', '--import', RECORDER, join(ROOT, 'src', 'cli.ts'), ...args], { cwd: ROOT, env }, (error, _out, err) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr: err }));
  });
  const modules = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { code, stderr, modules };
}

/** The names of COLLECT_ONLY groups that appear among `modules`. */
const collectOnlyLoaded = (modules: readonly string[]): string[] =>
  Object.entries(COLLECT_ONLY).filter(([, re]) => modules.some((m) => re.test(m))).map(([name]) => name);

describe('what a command loads', () => {
  it('records the modules of the process (the recorder works)', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.modules.some((m) => m.endsWith('/src/cli.ts'))).toBe(true);
    expect(r.modules.some((m) => /\/node_modules\/commander\//.test(m))).toBe(true);
  });

  it('refuses bad collect flags before loading any collector', async () => {
    for (const args of [['--hours', '-1'], ['--max-size', '10'], ['--timeout', '0'], ['--namespace', 'Bad NS'], ['--root', join(dir, 'nope')]]) {
      const r = await run(['collect', ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toContain(args[0]);
      expect(collectOnlyLoaded(r.modules), args.join(' ')).toEqual([]);
    }
  });

  it('refuses an existing -o before loading any collector', async () => {
    const out = join(dir, 'exists.tar.gz');
    await writeFile(out, 'mine');
    const r = await run(['collect', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exists/);
    expect(collectOnlyLoaded(r.modules)).toEqual([]);
    expect(await readFile(out, 'utf8')).toBe('mine');
  });

  it('loads no collector for --help, verify, inspect and show', async () => {
    for (const args of [['--help'], ['collect', '--help'], ['verify', BUNDLE], ['inspect', BUNDLE], ['show', BUNDLE, 'files/gateway.pid']]) {
      const r = await run(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(collectOnlyLoaded(r.modules), args.join(' ')).toEqual([]);
    }
  });

  it('reads the cluster only with a kubeconfig, and never loads the Kubernetes client on the main thread', async () => {
    const redis = `redis://127.0.0.1:${await closedPort()}`;
    // every source here refuses at once: the timeout only has to cover loading the Kubernetes client
    const base = ['collect', '--root', dir, '--home', '/Users/nobody', '--redis-url', redis, '--timeout', '8'];
    const withoutOut = join(dir, 'no-kubeconfig.tar.gz');
    const without = await run([...base, '-o', withoutOut]);
    expect(without.code, without.stderr).toBe(0);
    expect(collectOnlyLoaded(without.modules)).toEqual(expect.arrayContaining(['collectors', 'Redis client', 'execa', 'redaction rules']));
    expect(collectOnlyLoaded(without.modules)).not.toContain('Kubernetes client');
    expect((await openBundle(withoutOut)).entry(A.k8sNodes.id)).toMatchObject({ status: 'missing', reason: expect.stringMatching(/^no kubeconfig/) });

    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: c', '  cluster:', `    server: http://127.0.0.1:${await closedPort()}`,
      '    insecure-skip-tls-verify: true', 'contexts:', '- name: c', '  context:', '    cluster: c', '    user: u', 'current-context: c',
      'users:', '- name: u', '  user: {}', ''].join('\n'));
    const withOut = join(dir, 'kubeconfig.tar.gz');
    const withIt = await run([...base, '--kubeconfig', kubeconfig, '-o', withOut]);
    expect(withIt.code, withIt.stderr).toBe(0);
    // the client ran (in its worker thread: its memory goes when the source is done) and made the call
    expect((await openBundle(withOut)).entry(A.k8sNodes.id)?.reason).toMatch(/^cluster unreachable: list nodes: .*ECONNREFUSED/);
    expect(collectOnlyLoaded(withIt.modules)).not.toContain('Kubernetes client');
  });
});

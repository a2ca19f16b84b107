import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { openBundle } from '../../src/bundle/reader.js';
import { closedPort } from '../helpers/silent-server.js';
import { runCli } from '../helpers/run-cli.js';

// A fresh Linux box with no gateway at all: no files under --root, no commands on PATH (only node), Redis
// refused, no kubeconfig. Collection still writes a valid bundle (absence is data, exit 0), and the report
// says every layer is unknown (or skipped when opt-in) with a reason, never ok and never a crash.

let dir: string;
let bundle: string;
let collect: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-e2e-empty-'));
  const root = join(dir, 'root');
  const emptyBin = join(dir, 'bin');
  const nodeBin = join(dir, 'node-bin');
  await Promise.all([mkdir(join(root, 'tmp', 'joelclaw'), { recursive: true }), mkdir(emptyBin), mkdir(nodeBin)]);
  // Without a port file /health is asked on the daemon's default 3018, which the pinned fixture hosts of
  // other test files hold; a fresh box refuses there, so point it at a port that surely refuses.
  await writeFile(join(root, 'tmp', 'joelclaw', 'gateway.ws.port'), `${await closedPort()}\n`);
  // node's own dir is /usr/bin here, full of real commands (ps, uname): give PATH node alone instead.
  await symlink(process.execPath, join(nodeBin, 'node'));
  bundle = join(dir, 'empty.tar.gz');
  const args = ['collect', '--root', root, '--home', '/home/nobody', '--redis-url', `redis://127.0.0.1:${await closedPort()}`,
    '--kubeconfig', join(dir, 'no-such-kubeconfig'), '--timeout', '2', '-o', bundle];
  collect = await runCli(args, { env: { PATH: `${emptyBin}:${nodeBin}`, KUBECONFIG: '', REDIS_HOST: '', REDIS_PORT: '' } });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('collect and report on an empty machine', () => {
  it('writes a bundle and exits 0, printing only its path', () => {
    expect(collect.stderr).not.toMatch(/\n\s+at /);
    expect(collect.code).toBe(0);
    expect(collect.stdout.trim()).toBe(bundle);
  });

  it('records every source as absent, with a reason, and only the host facts as collected', async () => {
    const view = await openBundle(bundle);
    // host/info is always written (node's view when the machine's commands are absent); the port file is ours.
    const entries = view.manifest.artifacts.filter((a) => a.id !== A.hostInfo.id && a.id !== A.wsPortFile.id);
    expect(entries.length).toBeGreaterThan(30);
    const present = entries.filter((a) => !['missing', 'error', 'skipped'].includes(a.status)).map((a) => `${a.id}: ${a.status}`);
    expect(present).toEqual([]);
    expect(entries.filter((a) => !a.reason).map((a) => a.id)).toEqual([]);
    expect(view.entry(A.ps.id)?.reason).toBe('command not found: ps');
    const info = JSON.parse(view.text(A.hostInfo.id) ?? '{}');
    expect(info.sources).toMatchObject({ hostname: 'node:os', os: 'node:os' });
  });

  it('reports every layer without evidence as unknown with a reason, and never crashes', async () => {
    const r = await runCli(['report', bundle, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { verdict: { status: string }; layers: Array<{ id: string; status: string; reason?: string; detail: string }> };
    // The contract: a refused source is evidence (status error), not absence; only the layers that read the
    // refused Redis may judge, and then they must cite it. Everything else is unknown, opt-ins skipped.
    const redisReaders = ['cli-status', 'redis'];
    for (const layer of report.layers) {
      if (['e2e', 'model-api'].includes(layer.id)) expect(layer.status, layer.id).toBe('skipped');
      else if (!redisReaders.includes(layer.id)) expect(layer.status, layer.id).toBe('unknown');
      else expect(['unknown', 'failed'], `${layer.id} is ${layer.status}`).toContain(layer.status);
      if (layer.status === 'unknown' || layer.status === 'skipped') expect(layer.reason ?? '', `${layer.id} has no reason`).not.toBe('');
    }
    const judged = report.layers.filter((l) => l.status === 'failed');
    for (const l of judged) expect(l.detail, `${l.id} says what it judged on`).toMatch(/redis|health/i);
    expect(r.code).toBe(judged.length > 0 ? 3 : 0);
    expect(report.verdict.status).toBe(judged.length > 0 ? 'failed' : 'ok');
    const md = await runCli(['report', bundle]);
    expect(md.code).toBe(r.code);
    expect(md.stderr).not.toMatch(/\n\s+at /);
    expect(md.stdout).toContain('unknown');
  });
});

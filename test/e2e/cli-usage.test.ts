import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/version.js';
import { runCli } from '../helpers/run-cli.js';
import { closedPort } from '../helpers/silent-server.js';

// The command line as a user meets it: help, version, and one-line errors with the contract's exit codes.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwb-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('gwbundle usage', () => {
  it('explains every command and the exit codes in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['collect', 'report', 'verify', 'inspect', 'show']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toMatch(/3 +report: a layer failed/);
    expect(r.stdout).toMatch(/4 +report: a layer degraded/);
  });

  it('documents the collect options in collect --help', async () => {
    const r = await runCli(['collect', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--out', '--hours', '--max-size', '--timeout', '--root', '--home', '--redis-url', '--kubeconfig',
      '--namespace', '--no-redact', '--e2e', '--probe-model-api']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${TOOL_VERSION}\n` });
  });

  it('exits 1 on an unknown command or a bad flag value, with one line and no stack', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(1);
    const bad = await runCli(['collect', '--max-size', '12XB']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--max-size .*"12XB"/);
    expect(bad.stdout).toBe('');
  });

  it('exits 2 with one line when the bundle does not exist or is not a bundle', async () => {
    const notGzip = join(dir, 'notes.tar.gz');
    await writeFile(notGzip, 'just some text, not a bundle\n');
    for (const args of [['report', join(dir, 'nope.tar.gz')], ['report', notGzip], ['inspect', notGzip], ['show', notGzip, 'files/gateway.err']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
    const missing = await runCli(['report', join(dir, 'nope.tar.gz')]);
    expect(missing.stderr).toBe(`gwbundle: no such file: ${join(dir, 'nope.tar.gz')}\n`);
    const notOurs = await runCli(['inspect', notGzip]);
    expect(notOurs.stderr).toMatch(/^gwbundle: not a gwbundle bundle \(/);
    const verify = await runCli(['verify', notGzip]);
    expect(verify.code).toBe(2);
    expect(verify.stdout).toMatch(/^damaged: /m);
  });

  it('refuses an unknown report format', async () => {
    const r = await runCli(['report', 'x.tar.gz', '--format', 'html']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/markdown, json, diagnose/);
  });

  it('warns loudly before collecting when redaction is turned off, and records it in the manifest', async () => {
    const root = join(dir, 'root');
    const out = join(dir, 'b.tar.gz');
    // why: Redis and /health on a port nothing listens on (a port file under --root), never the machine's 6379 or 3018
    const refusing = await closedPort();
    await mkdir(join(root, 'tmp', 'joelclaw'), { recursive: true });
    await writeFile(join(root, 'tmp', 'joelclaw', 'gateway.ws.port'), `${refusing}\n`);
    // why: PATH holds node alone, so none of this machine's commands (ps, uname, hostname) run
    const nodeBin = join(dir, 'node-bin');
    await mkdir(nodeBin);
    await symlink(process.execPath, join(nodeBin, 'node'));
    const r = await runCli(['collect', '--no-redact', '--root', root, '--home', '/Users/nobody', '--redis-url', `redis://127.0.0.1:${refusing}`,
      '--kubeconfig', join(dir, 'no-kubeconfig'), '--timeout', '1', '-o', out], { env: { PATH: nodeBin, KUBECONFIG: '', REDIS_HOST: '', REDIS_PORT: '' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${out}\n`);
    expect(r.stderr.split('\n')[0]).toMatch(/^gwbundle: WARNING: --no-redact/);
    const inspect = await runCli(['inspect', out]);
    expect(inspect.stdout).toMatch(/^redaction: +OFF/m);
  });
});


import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliOptions, runCli } from '../helpers/run-cli.js';
import { closedPort } from '../helpers/silent-server.js';
import { UNPRIVILEGED, letUnprivilegedIn } from '../helpers/unprivileged.js';

// `gwbundle collect` through the real command line when no bundle can be written (contract: exit 2, "no bundle
// could be written", the reason in one line): a directory it may not write to, and a write that fails half-way
// as on a full disk. Nothing half-written is left. (A file already there is a usage error, exit 1, like in
// every command: test/report/output.test.ts.)

let dir: string;
let root: string;
let refusing: number;
let env: NodeJS.ProcessEnv;

const collect = (out: string, opts: CliOptions = {}) =>
  runCli(['collect', '--root', root, '--home', '/Users/nobody', '--redis-url', `redis://127.0.0.1:${refusing}`,
    '--kubeconfig', join(dir, 'no-kubeconfig'), '--timeout', '2', '-o', out], { env, ...opts });

/** The one line a failed collect leaves on stderr after its progress lines. */
const lastLine = (stderr: string) => stderr.trimEnd().split('\n').at(-1) ?? '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-e2e-unwritable-'));
  await letUnprivilegedIn(dir);
  root = join(dir, 'root');
  refusing = await closedPort();
  await mkdir(join(root, 'tmp', 'joelclaw'), { recursive: true });
  // why: /health and Redis on a port nothing listens on, never the machine's own 3018 or 6379
  await writeFile(join(root, 'tmp', 'joelclaw', 'gateway.ws.port'), `${refusing}\n`);
  // 3 MB that gzip cannot shrink: the bundle is bigger than the file-size limit below
  await writeFile(join(root, 'tmp', 'joelclaw', 'gateway.log'), randomBytes(3 << 20).toString('base64'));
  // PATH holds node alone: none of this machine's commands (ps, uname, hostname) end up in the bundle
  const nodeBin = join(dir, 'node-bin');
  await mkdir(nodeBin);
  await symlink(process.execPath, join(nodeBin, 'node'));
  env = { PATH: nodeBin, KUBECONFIG: '', REDIS_HOST: '', REDIS_PORT: '' };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('gwbundle collect when no bundle can be written', () => {
  it('exits 2 in one line for a directory it may not write to (as nobody when the suite runs as root)', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked, { mode: 0o555 });
    await chmod(locked, 0o555);
    const out = join(locked, 'b.tar.gz');
    const r = await collect(out, UNPRIVILEGED);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(`gwbundle: cannot write ${out}: directory ${locked} is not writable\n`);
    expect(r.stdout).toBe('');
    expect(await readdir(locked)).toEqual([]);
  });

  it('exits 2 in one line when the write fails half-way, as on a full disk, and leaves nothing behind', async () => {
    const full = join(dir, 'full');
    await mkdir(full);
    const r = await collect(join(full, 'b.tar.gz'), { fileSizeLimitBlocks: 1024 });
    expect(r.code, r.stderr).toBe(2);
    expect(lastLine(r.stderr)).toMatch(/^gwbundle: cannot write \S+: EFBIG: file too large/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(await readdir(full)).toEqual([]);
  });
});

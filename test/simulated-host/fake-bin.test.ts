import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { pidAlive, readFakeCalls, readHangPids, writeFakeBin } from '../helpers/simulated-host/fake-bin.js';

let base: string;
let binDir: string;
let ctlDir: string;

// why: a generous limit, only so a broken fake cannot hang the suite; a loaded machine starts node slowly
const run = (name: string, args: string[], timeout = 30_000) =>
  spawnSync(name, args, { env: { PATH: `${binDir}:${process.env.PATH}` }, encoding: 'utf8', timeout });

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'fake-bin-test-'));
  binDir = join(base, 'bin');
  ctlDir = join(base, 'ctl');
  await writeFakeBin(
    {
      launchctl: {
        'print gui/501/com.joel.gateway': { stdout: 'exact\n' },
        'print *': { stdout: 'glob\n', exitCode: 113, stderr: 'not found\n' },
        '*': { stdout: 'fallback\n' },
      },
      kubectl: { '*get nodes*': { stdout: 'nodes\n' }, '*get nodes -o json*': { stdout: 'nodes-json\n' } },
      pi: { '--version': { stdout: '0.70.2\n' }, '--slow': { stdout: 'late\n', delayMs: 600_000 } },
      colima: { '*': { stdout: 'partial\n', hang: true } },
    },
    binDir,
    ctlDir,
  );
});

afterAll(async () => {
  for (const pid of await readHangPids(ctlDir)) if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
  await rm(base, { recursive: true, force: true, maxRetries: 5 });
});

describe('fake commands', () => {
  it('answers an exact argv before any glob', () => {
    const r = run('launchctl', ['print', 'gui/501/com.joel.gateway']);
    expect(r.stdout).toBe('exact\n');
    expect(r.status).toBe(0);
  });

  it('falls back to a glob, with its stderr and exit code', () => {
    const r = run('launchctl', ['print', 'system/com.joel.gateway']);
    expect(r.stdout).toBe('glob\n');
    expect(r.stderr).toBe('not found\n');
    expect(r.status).toBe(113);
  });

  it('uses the catch-all answer when nothing else matches', () => {
    expect(run('launchctl', ['print-disabled', 'system']).stdout).toBe('fallback\n');
  });

  it('prefers the glob with more literal text', () => {
    expect(run('kubectl', ['--request-timeout=2s', 'get', 'nodes', '-o', 'json']).stdout).toBe('nodes-json\n');
    expect(run('kubectl', ['get', 'nodes']).stdout).toBe('nodes\n');
  });

  it('says so and exits non-zero for an argv it has no answer for', () => {
    const r = run('pi', ['models']);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('no answer for "models"');
  });

  it('waits delayMs before answering: stopped during the wait, it has printed nothing', () => {
    const r = run('pi', ['--slow'], 3000);
    expect(r.signal).toBe('SIGTERM');
    expect(r.stdout).toBe('');
    expect(run('pi', ['--version']).stdout).toBe('0.70.2\n');
  });

  it('leaves a command the spec does not list off PATH', () => {
    const r = run('joelclaw', ['otel', 'search', 'gateway']);
    expect((r.error as NodeJS.ErrnoException | undefined)?.code).toBe('ENOENT');
  });

  it('records every call so tests can prove collection only read', async () => {
    const calls = await readFakeCalls(ctlDir);
    expect(calls.some((c) => c.name === 'launchctl' && c.args.join(' ') === 'print gui/501/com.joel.gateway')).toBe(true);
  });

  it('hangs with a grandchild holding stdout until the whole process group is killed', async () => {
    const child = spawn('colima', ['status', '--json'], { env: { PATH: `${binDir}:${process.env.PATH}` }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const closed = new Promise<void>((resolve) => child.stdout.on('close', () => resolve()));
    let pids: number[] = [];
    await eventually(async () => (pids = await readHangPids(ctlDir)).length >= 2);
    expect(pids).toHaveLength(2);
    process.kill(child.pid!, 'SIGKILL');
    await eventually(() => !pidAlive(child.pid!));
    // Killing only the direct child leaves the grandchild sleeper alive and stdout open.
    expect(pidAlive(pids[1]!)).toBe(true);
    process.kill(-child.pid!, 'SIGKILL');
    await closed;
    expect(out).toBe('partial\n');
    expect(await eventually(() => !pidAlive(pids[1]!))).toBe(true);
  });
});

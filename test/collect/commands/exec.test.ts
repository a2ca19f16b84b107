import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commandArtifact, runCommand } from '../../../src/collect/commands/exec.js';
import { liveGroupCount } from '../../../src/collect/commands/process-groups.js';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
// Timeouts of commands that should finish are limits for a loaded machine, not expectations.

describe('runCommand', () => {
  it('captures stdout, stderr and a zero exit code of a command found on PATH', async () => {
    const r = await runCommand(['sh', '-c', 'echo out; echo err >&2'], { timeoutMs: 30_000, env });
    expect(r).toMatchObject({ found: true, stdout: 'out\n', stderr: 'err\n', exitCode: 0, timedOut: false });
    expect(commandArtifact('cmd/ps', ['sh'], r).status).toBe('ok');
  });

  it('reports a command that is not on PATH as not found, and its artifact as missing', async () => {
    const r = await runCommand(['gwbundle-no-such-command-xyz'], { timeoutMs: 30_000, env });
    expect(r.found).toBe(false);
    const a = commandArtifact('cmd/pi-version', ['gwbundle-no-such-command-xyz', '--version'], r);
    expect(a).toMatchObject({ status: 'missing', reason: 'command not found: gwbundle-no-such-command-xyz' });
    expect(a.content).toBeUndefined();
  });

  it('records a non-zero exit as an error artifact that keeps stdout and stderr as evidence', async () => {
    const r = await runCommand(['sh', '-c', 'echo partial; echo "colima is not running" >&2; exit 3'], { timeoutMs: 30_000, env });
    const a = commandArtifact('cmd/colima-status', ['colima', 'status', '--json'], r);
    expect(a).toMatchObject({ status: 'error', reason: 'exit code 3', exitCode: 3, content: 'partial\n' });
    expect(a.stderr).toContain('colima is not running');
  });

  it('gives an empty stdout as content so a command that ran is told apart from a missing one', async () => {
    const a = commandArtifact('cmd/ps', ['true'], await runCommand(['true'], { timeoutMs: 30_000, env }));
    expect(a.content).toBe('');
    expect(a.bytesAtSource).toBe(0);
  });

  it('kills a hung command and its grandchildren at the timeout and keeps the partial output', async () => {
    // why: sleeps only this run starts (another copy of the suite may run this test at the same time, and ps
    // lists the whole machine); 2 s, so even a loaded machine has printed `before` when the timeout strikes
    const tag = String(randomInt(100_000, 1_000_000));
    const sleeps = [`sleep 31.${tag}`, `sleep 32.${tag}`];
    const r = await runCommand(['sh', '-c', `echo before; ${sleeps[0]} & ${sleeps[1]}; echo never`], { timeoutMs: 2000, env });
    expect(r.timedOut).toBe(true);
    expect(r.stdout).toBe('before\n');
    const a = commandArtifact('cmd/ps', ['sh'], r);
    expect(a.status).toBe('timeout');
    expect(a.reason).toMatch(/^killed after \d+(\.\d)? s$/);
    expect(a.truncations).toEqual([{ reason: 'timeout', kept: 'head', bytesCut: 0 }]);
    expect(liveGroupCount()).toBe(0);
    const ps = await runCommand(['ps', '-eo', 'args'], { timeoutMs: 30_000, env });
    expect(sleeps.filter((sleep) => ps.stdout.includes(sleep))).toEqual([]);
  });

  it('uses SIGKILL on a group that ignores SIGTERM', async () => {
    // why: 2 s, so the trap is set before SIGTERM comes even on a loaded machine
    const r = await runCommand(['sh', '-c', "trap '' TERM; echo up; while :; do sleep 0.1; done"], { timeoutMs: 2000, env });
    expect(r.timedOut).toBe(true);
    expect(r.stdout).toBe('up\n');
    expect(r.signal).toBe('SIGKILL');
  });

  it('stops at the abort signal as at a timeout', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    // why: a timeout far away, so only the signal can have stopped it
    const r = await runCommand(['sleep', '600'], { timeoutMs: 600_000, env, signal: ac.signal });
    expect(r.timedOut).toBe(true);
  });

  it('caps stdout at maxBytes without buffering the rest and records the cut', async () => {
    const r = await runCommand(['sh', '-c', 'yes 0123456789'], { timeoutMs: 30_000, env, maxBytes: 10_000 });
    expect(r.outputTruncated).toBe(true);
    expect(Buffer.byteLength(r.stdout)).toBe(10_000);
    const a = commandArtifact('cmd/ps', ['yes'], r);
    expect(a.status).toBe('truncated');
    expect(a.truncations?.[0]).toMatchObject({ reason: 'output-cap', kept: 'head' });
    expect(a.truncations?.[0]?.bytesCut).toBeGreaterThan(0);
  });

  it('runs with LC_ALL=C and only the environment it is given', async () => {
    const r = await runCommand(['sh', '-c', 'echo "$LC_ALL:${HOME-unset}"'], { timeoutMs: 30_000, env });
    expect(r.stdout).toBe('C:unset\n');
  });

  it('caps the stderr kept in the artifact at 8 KiB', async () => {
    const r = await runCommand(['sh', '-c', 'head -c 20000 /dev/zero | tr "\\0" x >&2; exit 1'], { timeoutMs: 30_000, env });
    const a = commandArtifact('cmd/ps', ['sh'], r);
    expect(Buffer.byteLength(a.stderr ?? '')).toBeLessThan(8 * 1024 + 100);
    expect(a.stderr).toContain('stderr cut');
  });
});

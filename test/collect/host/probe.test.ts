import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostCollector, hostFacts, probeMachine } from '../../../src/collect/host/index.js';
import { resolveUnderRoot } from '../../../src/collect/run.js';
import type { CollectContext, CollectOptions } from '../../../src/collect/types.js';
import { fakeBin, fakeCalls } from '../helpers/fake-bin.js';
import { testOptions } from '../helpers/options.js';

// The machine's identity comes from its own commands on PATH (contract: every fact about the machine), so a
// bundle collected with --root on a Linux box about a Mac names the Mac; node's os module is the last resort.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-host-probe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

const binWith = async (name: string, scripts: Record<string, string>) => {
  const bin = join(dir, name);
  await fakeBin(bin, scripts);
  return bin;
};

const ctxFor = (options: CollectOptions): CollectContext => ({
  options,
  signal: new AbortController().signal,
  startedAtEpochMs: Date.now(),
  resolve: (p) => resolveUnderRoot(options.root, p),
  progress: () => {},
});

const MAC = {
  hostname: 'echo panda',
  sw_vers: 'case "$1" in -productName) echo macOS;; -productVersion) echo 15.4;; *) exit 1;; esac',
  uname: 'case "$1" in -sr) echo "Darwin 24.4.0";; -m) echo arm64;; *) echo Darwin;; esac',
};

describe('host facts from the machine', () => {
  it('takes the hostname from hostname and the OS from sw_vers when the machine is a Mac', async () => {
    const bin = await binWith('mac', MAC);
    const m = await probeMachine(testOptions({ env: { PATH: bin } }));
    expect(m).toMatchObject({ hostname: 'panda', platform: 'darwin', os: 'macOS', osVersion: '15.4', arch: 'arm64', kernel: 'Darwin 24.4.0' });
    expect(m.sources).toEqual({ hostname: 'hostname', os: 'sw_vers', arch: 'uname' });
    expect((await fakeCalls(bin)).sort()).toEqual(['hostname ', 'sw_vers -productName', 'sw_vers -productVersion', 'uname -m', 'uname -sr']);
  });

  it('falls back to uname -sr on a machine without sw_vers', async () => {
    const bin = await binWith('linux', { hostname: 'echo build-7', uname: 'case "$1" in -sr) echo "Linux 6.8.0-45-generic";; -m) echo x86_64;; esac' });
    const m = await probeMachine(testOptions({ env: { PATH: bin } }));
    expect(m).toMatchObject({ hostname: 'build-7', platform: 'linux', os: 'Linux', osVersion: '6.8.0-45-generic', arch: 'x86_64' });
    expect(m.sources.os).toBe('uname');
  });

  it('falls back to node os facts when no command answers, and says so', async () => {
    const bin = await binWith('broken', { hostname: 'exit 1', uname: 'echo "" ; exit 0' });
    const m = await probeMachine(testOptions({ env: { PATH: bin } }));
    expect(m.hostname).toBe(hostname());
    expect(m.platform).toBe(process.platform);
    expect(m.sources).toEqual({ hostname: 'node:os', os: 'node:os', arch: 'node:os' });
    expect(m.kernel).toBeNull();
  });

  it('gives up on a hung hostname at the timeout and still answers', async () => {
    const bin = await binWith('hung', { ...MAC, hostname: 'exec /bin/sleep 30' });
    // why: 3 s, room for the other fake commands to answer on a loaded machine
    const m = await probeMachine(testOptions({ env: { PATH: bin }, timeoutMs: 3000 }));
    expect(m.sources.hostname).toBe('node:os');
    expect(m.os).toBe('macOS');
  });

  it('puts the probed facts in host/info with their sources and in the manifest host block of the same run', async () => {
    const options = testOptions({ env: { PATH: await binWith('mac2', MAC) }, uid: 501 });
    expect(hostFacts(options).hostname).toBe(hostname());
    const [info] = await hostCollector.collect(ctxFor(options));
    const doc = JSON.parse(info?.content ?? '{}');
    expect(doc).toMatchObject({ hostname: 'panda', os: 'macOS', osVersion: '15.4', kernel: 'Darwin 24.4.0', nodeVersion: process.version });
    expect(doc.sources).toEqual({ hostname: 'hostname', os: 'sw_vers', arch: 'uname', nodeVersion: 'collector runtime' });
    expect(hostFacts(options)).toEqual({ hostname: 'panda', platform: 'darwin', os: 'macOS', osVersion: '15.4', arch: 'arm64', uid: 501, nodeVersion: process.version });
  });
});

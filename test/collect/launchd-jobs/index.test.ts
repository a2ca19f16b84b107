import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, artifactSpec, launchdJobId } from '../../../src/bundle/artifacts.js';
import { JOB_LOG_TAIL_BYTES, MAX_JOBS, launchdJobsCollector } from '../../../src/collect/launchd-jobs/index.js';
import { resolveUnderRoot, runCollectors } from '../../../src/collect/run.js';
import type { StagedArtifact } from '../../../src/collect/types.js';
import { launchdJobPlistXml } from '../../helpers/simulated-host/formats/config-files.js';
import { fakeBin, fakeCalls, printText } from '../helpers/fake-bin.js';
import { testOptions } from '../helpers/options.js';
import { launchdPlist, plantFiles } from '../helpers/tree.js';

// The owner's other launchd jobs, found from ~/Library/LaunchAgents and /Library/LaunchDaemons (not from
// `launchctl list`): plist, `launchctl print <domain>/<label>`, and the tails of the logs the plist names.

const AGENTS = '/Users/joel/Library/LaunchAgents';
const COLIMA = launchdJobPlistXml({ label: 'com.joel.colima', programArguments: ['/opt/homebrew/bin/colima', 'start'], startInterval: 300, stdoutPath: '/tmp/colima.stdout.log', stderrPath: '/tmp/colima.stderr.log' });
const HEAL = launchdJobPlistXml({ label: 'com.joel.k8s-reboot-heal', programArguments: ['/bin/bash', '/x/k8s-reboot-heal.sh'], startInterval: 180, stdoutPath: '/tmp/heal.log', stderrPath: '/tmp/heal.log' });
const PRINT = 'gui/501/com.joel.colima = {\n\tstate = not running\n\truns = 1728\n\trun interval = 300 seconds\n\tlast exit code = 1\n}\n';

let root: string;
let bin: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gwb-jobs-root-'));
  bin = await mkdtemp(join(tmpdir(), 'gwb-jobs-bin-'));
  await fakeBin(bin, {
    launchctl: `case "$2" in\n"gui/501/com.joel.colima") ${printText(PRINT)};;\n*) echo "Could not find service \\"$2\\"" >&2; exit 113;;\nesac`,
  });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(bin, { recursive: true, force: true });
});

const collect = async (): Promise<Map<string, StagedArtifact>> => {
  const out = await runCollectors([launchdJobsCollector], testOptions({ root, env: { PATH: bin } }), { progress() {} });
  return new Map(out.map((a) => [a.id, a]));
};

describe('launchdJobsCollector', () => {
  it("gives `launchctl print` what is left of the source's deadline, not a fresh --timeout", async () => {
    await plantFiles(root, { [`${AGENTS}/com.joel.colima.plist`]: COLIMA });
    const options = testOptions({ root, env: { PATH: bin }, timeoutMs: 30_000 });
    // The run started the sources a minute ago: this source's 30 s are spent before its first command.
    const ctx = { options, signal: new AbortController().signal, startedAtEpochMs: Date.now() - 60_000, resolve: (p: string) => resolveUnderRoot(root, p), progress() {} };
    const got = new Map((await launchdJobsCollector.collect(ctx)).map((a) => [a.id, a]));
    // The fake answers at once, so only the spent deadline can make it a timeout.
    expect(got.get(launchdJobId('gui', 'com.joel.colima', 'print'))).toMatchObject({ status: 'timeout' });
    expect(got.get(launchdJobId('gui', 'com.joel.colima', 'plist'))).toMatchObject({ status: 'ok' });
  });

  it("collects every com.joel.* job but the gateway's own: plist, launchctl print and log tails", async () => {
    await plantFiles(root, {
      [`${AGENTS}/com.joel.colima.plist`]: COLIMA,
      [`${AGENTS}/com.joel.gateway.plist`]: launchdPlist('com.joel.gateway', ['/x/gateway-daemon.sh']),
      [`${AGENTS}/com.apple.other.plist`]: launchdPlist('com.apple.other', ['/x']),
      '/Library/LaunchDaemons/com.joel.k8s-reboot-heal.plist': HEAL,
      '/tmp/colima.stderr.log': 'time="2026-11-27T11:55:00Z" level=fatal msg="Error: dependency check failed for VM: lima not found"\n',
      '/tmp/heal.log': '[2026-11-27T11:58:00Z] k8s reboot heal tick\n',
    });
    const got = await collect();
    const listing = JSON.parse(got.get(A.launchdJobsListing.id)!.content!) as { jobs: Array<{ label: string; domain: string; startInterval: number; artifacts: Record<string, string> }>; dirs: unknown[] };
    expect(listing.jobs.map((j) => [j.label, j.domain, j.startInterval])).toEqual([['com.joel.colima', 'gui', 300], ['com.joel.k8s-reboot-heal', 'system', 180]]);
    expect(listing.dirs).toEqual([{ domain: 'gui', path: AGENTS, status: 'ok', plists: 1 }, { domain: 'system', path: '/Library/LaunchDaemons', status: 'ok', plists: 1 }]);
    const colimaPrint = got.get(launchdJobId('gui', 'com.joel.colima', 'print'));
    expect(colimaPrint).toMatchObject({ status: 'ok', content: PRINT, source: { argv: ['launchctl', 'print', 'gui/501/com.joel.colima'] } });
    expect(got.get(launchdJobId('gui', 'com.joel.colima', 'stderr'))?.content).toContain('lima not found');
    // The stdout log does not exist: that is recorded, not an error of the collector.
    expect(got.get(launchdJobId('gui', 'com.joel.colima', 'stdout'))).toMatchObject({ status: 'missing', reason: 'no such file' });
    // One log file for both streams is read once.
    expect(listing.jobs[1]?.artifacts).toEqual({ plist: launchdJobId('system', 'com.joel.k8s-reboot-heal', 'plist'), print: launchdJobId('system', 'com.joel.k8s-reboot-heal', 'print'), stdout: launchdJobId('system', 'com.joel.k8s-reboot-heal', 'stdout') });
    expect(got.get(launchdJobId('system', 'com.joel.k8s-reboot-heal', 'print'))).toMatchObject({ status: 'error', exitCode: 113 });
    expect(await fakeCalls(bin)).toEqual(expect.arrayContaining(['launchctl print gui/501/com.joel.colima', 'launchctl print system/com.joel.k8s-reboot-heal']));
    expect((await fakeCalls(bin)).some((c) => c.includes('com.joel.gateway'))).toBe(false);
  });

  it('keeps only the tail of a job log and gives its parts the budget priorities of their kind', async () => {
    const line = 'time="2026-11-27T11:55:00Z" level=fatal msg="Error: dependency check failed for VM: lima not found"\n';
    await plantFiles(root, { [`${AGENTS}/com.joel.colima.plist`]: COLIMA, '/tmp/colima.stderr.log': line.repeat(2000) });
    const stderr = (await collect()).get(launchdJobId('gui', 'com.joel.colima', 'stderr'))!;
    expect(stderr.status).toBe('truncated');
    expect(Buffer.byteLength(stderr.content!)).toBeLessThanOrEqual(JOB_LOG_TAIL_BYTES);
    expect(stderr.content!.startsWith('time=')).toBe(true);
    expect(artifactSpec(launchdJobId('gui', 'com.joel.colima', 'stderr'))?.priority).toBeGreaterThan(artifactSpec(launchdJobId('gui', 'com.joel.colima', 'print'))!.priority);
  });

  it('records a machine without launchd directories as missing, and caps the number of jobs', async () => {
    expect((await collect()).get(A.launchdJobsListing.id)).toMatchObject({ status: 'missing' });
    const many = Object.fromEntries(Array.from({ length: MAX_JOBS + 3 }, (_, i) => [`${AGENTS}/com.joel.job${String(i).padStart(2, '0')}.plist`, launchdPlist(`com.joel.job${i}`, ['/x'])]));
    await plantFiles(root, many);
    const listing = JSON.parse((await collect()).get(A.launchdJobsListing.id)!.content!) as { jobs: unknown[]; capped: boolean };
    expect(listing).toMatchObject({ capped: true });
    expect(listing.jobs).toHaveLength(MAX_JOBS);
  });
});

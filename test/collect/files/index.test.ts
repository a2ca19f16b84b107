import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { filesCollector } from '../../../src/collect/files/index.js';
import { packageJsonCandidates } from '../../../src/collect/files/plist-sources.js';
import { runCollectors } from '../../../src/collect/run.js';
import type { StagedArtifact } from '../../../src/collect/types.js';
import { testOptions } from '../helpers/options.js';
import { stagedText } from '../helpers/staged.js';
import { launchdPlist, plantFiles } from '../helpers/tree.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gwb-files-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

const CHECKOUT = '/Users/joel/Code/joelhooks/joelclaw';
const collect = async (): Promise<Map<string, StagedArtifact>> => {
  const out = await runCollectors([filesCollector], testOptions({ root }), { progress() {} });
  return new Map(out.map((a) => [a.id, a]));
};

describe('filesCollector', () => {
  it('reads the pid and ws.port files whole with their machine paths', async () => {
    await plantFiles(root, { '/tmp/joelclaw/gateway.pid': '4242\n', '/tmp/joelclaw/gateway.ws.port': '3018\n' });
    const got = await collect();
    expect(got.get(A.pidFile.id)).toMatchObject({ status: 'ok', content: '4242\n', source: { path: '/tmp/joelclaw/gateway.pid' }, bytesAtSource: 5 });
    expect(got.get(A.wsPortFile.id)?.content).toBe('3018\n');
  });

  it('records the heartbeat file mtime, which the tripwire staleness check uses', async () => {
    await plantFiles(root, {
      '/tmp/joelclaw/last-heartbeat.ts': { content: 'export const lastHeartbeatTs = 1795780000000;\n', mtime: '2026-11-27T11:20:00.000Z' },
    });
    const hb = (await collect()).get(A.heartbeatFile.id);
    expect(hb?.mtime).toBe('2026-11-27T11:20:00.000Z');
    expect(hb?.content).toContain('lastHeartbeatTs = 1795780000000');
  });

  it('reads home files from --home under --root', async () => {
    await plantFiles(root, {
      '/Users/joel/.joelclaw/gateway.session': '0c9e1f2a-1111-2222-3333-444455556666\n',
      '/Users/joel/.joelclaw/gateway/.pi/settings.json': '{"compaction":{"enabled":true}}',
    });
    const got = await collect();
    expect(got.get(A.sessionIdFile.id)).toMatchObject({ status: 'ok', source: { path: '/Users/joel/.joelclaw/gateway.session' } });
    expect(got.get(A.piSettings.id)?.content).toBe('{"compaction":{"enabled":true}}');
  });

  it("reads pi's models.json from the agent dir under --home, where the daemon's model registry reads it", async () => {
    await plantFiles(root, { '/Users/joel/.pi/agent/models.json': '{"providers":{}}\n' });
    expect((await collect()).get(A.piModels.id)).toMatchObject({ status: 'ok', content: '{"providers":{}}\n', source: { path: '/Users/joel/.pi/agent/models.json' } });
  });

  it('reads both launchd plists and finds packages/gateway/package.json from ProgramArguments', async () => {
    await plantFiles(root, {
      '/Library/LaunchDaemons/com.joel.gateway.plist': launchdPlist('com.joel.gateway', [`${CHECKOUT}/infra/gateway-daemon.sh`]),
      '/Users/joel/Library/LaunchAgents/com.joel.gateway.plist': launchdPlist('com.joel.gateway', ['/bin/sh', '-c', 'x']),
      [`${CHECKOUT}/packages/gateway/package.json`]: '{"name":"@joelclaw/gateway","dependencies":{"@mariozechner/pi-ai":"0.70.2"}}',
    });
    const got = await collect();
    expect(got.get(A.launchDaemonPlist.id)?.content).toContain('gateway-daemon.sh');
    expect(got.get(A.launchAgentPlist.id)?.status).toBe('ok');
    const pkg = got.get(A.gatewayPackageJson.id);
    expect(pkg).toMatchObject({ status: 'ok', source: { path: `${CHECKOUT}/packages/gateway/package.json` } });
    expect(pkg?.content).toContain('0.70.2');
  });

  it('finds the checkout from WorkingDirectory when the program lives elsewhere', async () => {
    await plantFiles(root, {
      '/Users/joel/Library/LaunchAgents/com.joel.gateway.plist': launchdPlist('com.joel.gateway', ['/opt/bin/bun'], `${CHECKOUT}/packages/gateway`),
      [`${CHECKOUT}/packages/gateway/package.json`]: '{}',
    });
    expect((await collect()).get(A.gatewayPackageJson.id)?.source.path).toBe(`${CHECKOUT}/packages/gateway/package.json`);
  });

  it('says why package.json is missing when no plist locates the checkout', async () => {
    const pkg = (await collect()).get(A.gatewayPackageJson.id);
    expect(pkg?.status).toBe('missing');
    expect(pkg?.reason).toMatch(/no gateway plist/);
  });

  it('picks the tripwire plist from whichever domain has it and records which', async () => {
    await plantFiles(root, {
      '/Library/LaunchDaemons/com.joel.gateway-tripwire.plist': launchdPlist('com.joel.gateway-tripwire', ['/x/gateway-tripwire.sh']),
    });
    const tw = (await collect()).get(A.tripwirePlist.id);
    expect(tw).toMatchObject({ status: 'ok', source: { path: '/Library/LaunchDaemons/com.joel.gateway-tripwire.plist' }, facts: { domain: 'system' } });
  });

  it('marks every file of an empty root missing with a reason', async () => {
    const got = await collect();
    expect(got.size).toBe(filesCollector.ids?.length);
    for (const a of got.values()) expect(a.status, a.id).toBe('missing');
  });

  it('keeps a tail of the error log that starts on a whole record', async () => {
    const record = 'command-queue: prompt failed {\n  source: "telegram:1",\n  consecutiveFailures: 2,\n}\n';
    await plantFiles(root, { '/tmp/joelclaw/gateway.err': record.repeat(300_000) });
    const err = (await collect()).get(A.gatewayErrLog.id);
    expect(err?.status).toBe('truncated');
    const text = (await stagedText(err)) ?? '';
    expect(text.startsWith('command-queue: prompt failed {')).toBe(true);
    expect(Buffer.byteLength(text)).toBe(err?.stream?.bytes);
    expect(err?.bytesAtSource).toBe(record.length * 300_000);
    expect(err?.truncations).toEqual([{ reason: 'artifact-cap', kept: 'tail', bytesCut: record.length * 300_000 - Buffer.byteLength(text) }]);
  });
});

describe('packageJsonCandidates', () => {
  it('walks each directory and its ancestors up to four levels, nearest first', () => {
    const c = packageJsonCandidates(['/a/b/c/d/e/f']);
    expect(c[0]).toBe('/a/b/c/d/e/f/packages/gateway/package.json');
    expect(c).toHaveLength(5);
    expect(c.at(-1)).toBe('/a/b/packages/gateway/package.json');
  });
});

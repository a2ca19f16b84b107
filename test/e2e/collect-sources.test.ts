import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { A, CORE_PODS, OTEL_QUERIES, otelSearchId, podLogId } from '../../src/bundle/artifacts.js';
import { openBundle } from '../../src/bundle/reader.js';
import type { BundleView } from '../../src/bundle/view.js';
import { runCollect } from '../../src/collect/index.js';
import { type SimulatedHost, createSimulatedHost } from '../helpers/simulated-host/index.js';
import { PATHS } from '../helpers/simulated-host/spec.js';
import { DAEMON_PID } from '../helpers/simulated-host/presets/healthy.js';
import { SESSION_ID } from '../helpers/simulated-host/presets/records.js';
import { PRESETS } from '../helpers/simulated-host/presets.js';

// issue "collect", Done when: the simulated gateway host is collected and the bundle's manifest and contents
// are checked source by source (files, transcript, commands, /health, Redis, Kubernetes, host).

const DB = 12;
let host: SimulatedHost;
let view: BundleView;
let dir: string;

const entry = (id: string) => {
  const e = view.entry(id);
  if (!e) throw new Error(`no manifest entry ${id}`);
  return e;
};
const json = (id: string): any => JSON.parse(view.text(id) ?? 'null');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwb-sources-'));
  host = await createSimulatedHost(PRESETS.healthy!(), { redisPort: inject('redisPort'), redisDb: DB });
  const { path } = await runCollect(host.collectOptions(), { outPath: join(dir, 'healthy.tar.gz') });
  view = await openBundle(path);
});

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('collect on the healthy simulated host', () => {
  it('copies the /tmp/joelclaw state files with their machine paths, sizes and mtimes', async () => {
    expect(view.text(A.pidFile.id)).toBe(`${DAEMON_PID}\n`);
    expect(entry(A.pidFile.id).source.path).toBe(PATHS.pidFile);
    expect(view.text(A.wsPortFile.id)?.trim()).toBe(String(host.wsPort));
    const heartbeat = entry(A.heartbeatFile.id);
    const onDisk = await stat(join(host.root, PATHS.heartbeat));
    expect(heartbeat.mtime).toBe(onDisk.mtime.toISOString());
    const err = entry(A.gatewayErrLog.id);
    expect(err.bytesAtSource).toBe((await stat(join(host.root, PATHS.gatewayErr))).size);
    expect(entry(A.gatewayLog.id).status).toBe('ok');
    expect(view.text(A.gatewayLog.id)).toContain('[gateway] daemon started {');
  });

  it('picks the live transcript by the session id and keeps its header line', () => {
    const t = entry(A.sessionTranscript.id);
    expect(t.source.path).toContain(`_${SESSION_ID}.jsonl`);
    expect(t.facts?.chosenBy).toBe('session-id');
    expect(JSON.parse(view.text(A.sessionTranscript.id)!.split('\n')[0]!)).toMatchObject({ type: 'session', id: SESSION_ID });
    const listing = json(A.sessionListing.id) as Array<{ name: string }>;
    expect(listing.length).toBeGreaterThanOrEqual(2);
  });

  it('reads the launchd plists and finds the gateway package from the plist, with the env values redacted', () => {
    expect(entry(A.launchAgentPlist.id).status).toBe('ok');
    expect(entry(A.launchAgentPlist.id).redactions['plist-env']).toBeGreaterThan(0);
    expect(view.text(A.launchAgentPlist.id)).toContain('<key>TELEGRAM_BOT_TOKEN</key>');
    expect(entry(A.gatewayPackageJson.id).source.path).toMatch(/packages\/gateway\/package\.json$/);
    expect(json(A.gatewayPackageJson.id).dependencies['@mariozechner/pi-coding-agent']).toBe('0.70.2');
  });

  it('runs each command once with its exit code and output', () => {
    const print = entry(A.launchctlPrintGui.id);
    expect(print).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(print.source.argv).toEqual(['launchctl', 'print', 'gui/501/com.joel.gateway']);
    expect(view.text(A.launchctlPrintGui.id)).toMatch(/^\s+state = running$/m);
    expect(view.text(A.ps.id)).toContain('packages/gateway/src/daemon.ts');
    expect(json(A.colimaStatus.id)).toMatchObject({ runtime: expect.any(String) });
    expect(view.text(A.piVersion.id)?.trim()).toBe('0.70.2');
    for (const { query } of OTEL_QUERIES) expect(entry(otelSearchId(query)).kind).toBe('command');
    expect(entry(A.e2eTest.id).status).toBe('skipped');
    expect(entry(A.modelApiProbe.id).status).toBe('skipped');
  });

  it('keeps the raw /health body and its HTTP status', () => {
    expect(entry(A.health.id)).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(json(A.health.id)).toMatchObject({ ok: true, mode: 'normal' });
  });

  it('reads the gateway keys from Redis', () => {
    expect(view.text(A.redisPing.id)?.trim()).toBe('PONG');
    expect(json(A.redisSessions.id)).toEqual(['gateway']);
    expect(json(A.redisEventLists.id)).toHaveProperty(['joelclaw:events:gateway']);
    expect(json(A.redisMessagesStream.id)).toMatchObject({ key: 'joelclaw:gateway:messages' });
    expect(json(A.redisGatewayConfig.id).parsed).toMatchObject({ model: 'gpt-5.6-sol' });
    expect(entry(A.redisMode.id).status).toBe('missing');
  });

  it('reads nodes, pods, events and the core pod logs from the Kubernetes API and skips kubectl', () => {
    expect(json(A.k8sNodes.id).items.length).toBeGreaterThan(0);
    const pods = (json(A.k8sPods.id).items as Array<{ metadata: { name: string } }>).map((p) => p.metadata.name);
    for (const pod of CORE_PODS) {
      expect(pods).toContain(pod);
      expect(entry(podLogId(pod)).status).toBe('ok');
    }
    expect(entry(A.kubectlNodes.id).status).toBe('skipped');
  });

  it('records the capture clock, the options and the host without the whole environment', () => {
    expect(view.manifest.capture.collectedAt).toBe('2026-11-27T12:00:00.000Z');
    expect(view.manifest.options).toMatchObject({ hours: 1, namespace: 'joelclaw', redact: true });
    const info = json(A.hostInfo.id);
    expect(Object.keys(info.env)).toEqual([]);
    expect(JSON.stringify(info)).not.toContain('PATH');
  });
});

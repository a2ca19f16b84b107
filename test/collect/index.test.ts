import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, FIXED_ARTIFACTS } from '../../src/bundle/artifacts.js';
import { openBundle } from '../../src/bundle/reader.js';
import { COLLECTORS, runCollect } from '../../src/collect/index.js';
import type { Collector, ContentStream } from '../../src/collect/types.js';
import { testOptions } from './helpers/options.js';
import { closedPort } from '../helpers/silent-server.js';
import { plantFiles } from './helpers/tree.js';

let work: string;
let refusing: number;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'gwb-collect-'));
  refusing = await closedPort();
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true, maxRetries: 5 });
});

/**
 * A machine with nothing on it: empty root, empty PATH, nothing listening, no cluster. Its Redis and its
 * default /health port are a port nothing listens on, never 6379 or 3018 of the machine running the test.
 */
const emptyMachine = () =>
  testOptions({
    root: join(work, 'root'),
    env: { PATH: join(work, 'no-bin') },
    kubeconfig: join(work, 'no-kubeconfig'),
    redisUrl: `redis://:hunter2-secret@127.0.0.1:${refusing}`,
    defaultWsPort: refusing,
    timeoutMs: 1000,
  });

describe('runCollect', () => {
  it('writes a valid bundle on an empty machine where every source is absent, and resolves (exit 0)', async () => {
    const { path, manifest, size } = await runCollect(emptyMachine(), { outPath: join(work, 'b.tar.gz') });
    const view = await openBundle(path);
    expect(view.manifest).toEqual(manifest);
    expect(size).toBeGreaterThan(0);
    expect(manifest.options.redisUrl).not.toContain('hunter2');
    const ids = manifest.artifacts.map((a) => a.id);
    expect(ids).toEqual([...ids].sort());
    for (const spec of FIXED_ARTIFACTS) expect(ids, spec.id).toContain(spec.id);
    for (const a of manifest.artifacts) {
      if (a.id === A.hostInfo.id) continue;
      expect(['missing', 'error', 'skipped', 'timeout'], `${a.id}: ${a.status}`).toContain(a.status);
      expect(a.reason, a.id).toBeTruthy();
    }
    expect(manifest.artifacts.find((a) => a.id === A.gatewayErrLog.id)?.status).toBe('missing');
    expect(manifest.artifacts.find((a) => a.id === A.ps.id)?.reason).toBe('command not found: ps');
    expect(view.text(A.hostInfo.id)).toContain('"toolVersion"');
  });

  it('gives a byte-identical bundle for the same machine under SOURCE_DATE_EPOCH', async () => {
    const o = emptyMachine();
    await plantFiles(o.root, {
      '/tmp/joelclaw/gateway.pid': '4242\n',
      '/tmp/joelclaw/gateway.err': 'command-queue: prompt failed {\n  error: "Bearer sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",\n}\n',
    });
    const only: Collector[] = COLLECTORS.filter((c) => ['files', 'transcript', 'commands', 'host'].includes(c.id));
    const a = await runCollect(o, { outPath: join(work, 'a.tar.gz'), collectors: only });
    const b = await runCollect(o, { outPath: join(work, 'b.tar.gz'), collectors: only });
    expect(Buffer.compare(await readFile(a.path), await readFile(b.path))).toBe(0);
    expect(a.manifest.capture).toMatchObject({ durationMs: 0, hostUptimeSec: null, finishedAt: a.manifest.capture.collectedAt });
  });

  it('redacts secrets in artifacts and counts them in the manifest', async () => {
    const o = emptyMachine();
    const token = 'sk-ant-api03-' + 'Q'.repeat(93) + 'AA';
    await plantFiles(o.root, { '/tmp/joelclaw/gateway.err': `[gateway] message_end with error {\n  errorMsg: "bad key ${token}",\n}\n` });
    const only = COLLECTORS.filter((c) => c.id === 'files');
    const { path, manifest } = await runCollect(o, { outPath: join(work, 'r.tar.gz'), collectors: only });
    const raw = (await readFile(path)).toString('latin1');
    expect(raw).not.toContain(token);
    const view = await openBundle(path);
    expect(view.text(A.gatewayErrLog.id)).not.toContain(token);
    expect(Object.values(manifest.redaction.totals).reduce((s, n) => s + n, 0)).toBeGreaterThan(0);
  });

  it('never exceeds --max-size, cutting the big log and recording the cut', async () => {
    const o = { ...emptyMachine(), maxSizeBytes: 60_000 };
    let log = '';
    for (let i = 0; i < 20_000; i++) log += `[gateway] response ready {\n  source: "telegram:${(i * 7919) % 100_003}${i}",\n  length: ${i},\n}\n`;
    await plantFiles(o.root, { '/tmp/joelclaw/gateway.log': log, '/tmp/joelclaw/gateway.pid': '4242\n' });
    const only = COLLECTORS.filter((c) => c.id === 'files' || c.id === 'host');
    const { size, manifest } = await runCollect(o, { outPath: join(work, 'm.tar.gz'), collectors: only });
    expect(size).toBeLessThanOrEqual(60_000);
    const entry = manifest.artifacts.find((a) => a.id === A.gatewayLog.id);
    expect(entry?.status).toBe('truncated');
    expect(entry?.truncations.some((t) => t.reason === 'max-size')).toBe(true);
    expect(manifest.artifacts.find((a) => a.id === A.pidFile.id)?.status).toBe('ok');
  });

  it('streams a big artifact into the bundle, and records one that could not be read to the end as an error', async () => {
    let closed = 0;
    const streamOf = (pieces: string[], failAfter?: number): ContentStream => ({
      bytes: pieces.join('').length,
      async *pieces() {
        for (const [i, p] of pieces.entries()) {
          if (i === failAfter) throw new Error('file shrank while it was read');
          yield p;
        }
      },
      close: async () => void closed++,
    });
    const streaming: Collector = {
      id: 'streaming',
      title: 'streaming',
      collect: async () => [
        { id: A.gatewayLog.id, status: 'ok', source: { path: '/tmp/joelclaw/gateway.log' }, stream: streamOf(['[gateway] one\n', '[gateway] two\n']) },
        { id: A.gatewayErrLog.id, status: 'ok', source: { path: '/tmp/joelclaw/gateway.err' }, stream: streamOf(['[gateway] a\n', '[gateway] b\n'], 1) },
      ],
    };
    const { path, manifest } = await runCollect(emptyMachine(), { outPath: join(work, 's.tar.gz'), collectors: [streaming] });
    const view = await openBundle(path);
    expect(view.text(A.gatewayLog.id)).toBe('[gateway] one\n[gateway] two\n');
    const err = manifest.artifacts.find((a) => a.id === A.gatewayErrLog.id);
    expect(err).toMatchObject({ status: 'error', reason: 'could not be read to the end: file shrank while it was read', bytes: 0 });
    expect(view.text(A.gatewayErrLog.id)).toBeUndefined();
    expect(closed).toBe(2);
  });

  it('refuses to overwrite an existing bundle before collecting anything', async () => {
    await plantFiles(work, { '/exists.tar.gz': 'x' });
    await expect(runCollect(emptyMachine(), { outPath: join(work, 'exists.tar.gz') })).rejects.toThrow(/already exists/);
    expect(await readFile(join(work, 'exists.tar.gz'), 'utf8')).toBe('x');
  });

  it('replaces an existing file with --force, atomically', async () => {
    await plantFiles(work, { '/exists.tar.gz': 'x' });
    const { path } = await runCollect(emptyMachine(), { outPath: join(work, 'exists.tar.gz'), force: true });
    expect((await openBundle(path)).manifest.schema).toBe('gwbundle.manifest');
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { DEFAULT_WS_PORT, healthCollector, healthPort } from '../../../src/collect/http/index.js';
import type { CollectContext, StagedArtifact } from '../../../src/collect/types.js';
import { startHealthServer } from '../../helpers/fake-health.js';
import { closedPort } from '../../helpers/silent-server.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gwbundle-http-'));
  await mkdir(join(root, 'tmp/joelclaw'), { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true, maxRetries: 5 }));

const writePort = (content: string) => writeFile(join(root, 'tmp/joelclaw/gateway.ws.port'), content);

const contextFor = (timeoutMs = 1500): CollectContext => ({
  options: {
    root, home: '/home/joel', hours: 1, timeoutMs, maxSizeBytes: 25e6, redisUrl: 'unix:///nonexistent-gwbundle-root/redis.sock',
    kubeconfig: null, namespace: 'joelclaw', e2e: false, probeModelApi: false, redact: true,
    now: new Date('2026-11-27T12:00:00.000Z'), sourceDateEpoch: false,
    env: { PI_GATEWAY_WS_PORT: '1' }, uid: 501,
  },
  signal: new AbortController().signal,
  startedAtEpochMs: Date.now(),
  resolve: (p) => join(root, p),
  progress: () => undefined,
});

const only = async (ctx: CollectContext): Promise<StagedArtifact> => {
  const arts = await healthCollector.collect(ctx);
  expect(arts.map((a) => a.id)).toEqual([A.health.id]);
  return arts[0]!;
};

describe('healthCollector', () => {
  it('keeps a 200 body as captured, with the HTTP status and the port from the ws.port file', async () => {
    const body = '{"ok":true,"available":true,"healthy":true,"mode":"normal"}';
    const server = await startHealthServer({ status: 200, body });
    try {
      await writePort(`${server.port}\n`);
      const art = await only(contextFor());
      expect(art).toMatchObject({ status: 'ok', httpStatus: 200, content: body, source: { url: `http://127.0.0.1:${server.port}/health` } });
      expect(art.facts).toMatchObject({ port: server.port, portFrom: 'ws.port file' });
    } finally {
      await server.stop();
    }
  });

  it('keeps a 503 body as evidence rather than calling it an error', async () => {
    const body = '{"ok":false,"available":false,"components":{"session":"stuck (240s)"}}';
    const server = await startHealthServer({ status: 503, body });
    try {
      await writePort(String(server.port));
      const art = await only(contextFor());
      expect(art).toMatchObject({ status: 'ok', httpStatus: 503, content: body });
    } finally {
      await server.stop();
    }
  });

  it('records a refused connection as an error naming the refusal', async () => {
    const port = await closedPort();
    await writePort(`${port}\n`);
    const art = await only(contextFor());
    expect(art.status).toBe('error');
    expect(art.reason).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(art.content).toBeUndefined();
  });

  it('records a server that never answers as timed out at the timeout', async () => {
    const server = await startHealthServer({ status: 200, body: '', hang: true });
    try {
      await writePort(String(server.port));
      const art = await only(contextFor(800));
      expect(art.status).toBe('timeout');
      expect(art.reason).toMatch(/within 800 ms/);
    } finally {
      await server.stop();
    }
  });
});

describe('healthPort', () => {
  it('falls back to 3018 when the port file is absent or not a positive integer, ignoring our own env', async () => {
    const file = join(root, 'tmp/joelclaw/gateway.ws.port');
    expect(await healthPort(file)).toMatchObject({ port: DEFAULT_WS_PORT, portFrom: 'default', portFile: 'missing' });
    for (const bad of ['0\n', 'abc', '-5', '70000', '']) {
      await writeFile(file, bad);
      expect(await healthPort(file)).toMatchObject({ port: DEFAULT_WS_PORT, portFrom: 'default', portFile: 'not a port' });
    }
    await writeFile(file, ' 4242 \n');
    expect(await healthPort(file)).toMatchObject({ port: 4242, portFrom: 'ws.port file' });
  });

  it('aims the request at the daemon default 3018 when there is no port file', async () => {
    // why: the signal is aborted before the request, so the URL is decided but 3018 (maybe a live gateway on
    // the machine running this test) is never connected to
    const art = await only({ ...contextFor(), signal: AbortSignal.abort() });
    expect(DEFAULT_WS_PORT).toBe(3018);
    expect(art.source.url).toBe(`http://127.0.0.1:${DEFAULT_WS_PORT}/health`);
    expect(art.facts).toMatchObject({ port: DEFAULT_WS_PORT, portFrom: 'default' });
  });

  it('asks the default port the options move it to when there is no port file', async () => {
    const server = await startHealthServer({ status: 200, body: '{"ok":true}' });
    try {
      const ctx = contextFor();
      const art = await only({ ...ctx, options: { ...ctx.options, defaultWsPort: server.port } });
      expect(art).toMatchObject({ status: 'ok', httpStatus: 200, content: '{"ok":true}', source: { url: `http://127.0.0.1:${server.port}/health` } });
      expect(art.facts).toMatchObject({ port: server.port, portFrom: 'default', portFile: 'missing' });
    } finally {
      await server.stop();
    }
  });
});

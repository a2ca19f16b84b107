import { readFile } from 'node:fs/promises';
import { A } from '../../bundle/artifacts.js';
import type { Collector, StagedArtifact } from '../types.js';

// GET /health of the legacy daemon (facts §1.3, §2.3). The port comes from /tmp/joelclaw/gateway.ws.port
// (a positive integer, as the CLI parses it), else the daemon's default 3018 (which tests move elsewhere with
// CollectOptions.defaultWsPort, so they never reach a live gateway on the machine running them). PI_GATEWAY_WS_PORT in our own
// environment is not the daemon's, so it is ignored. Any HTTP answer is evidence (503 = unavailable), so
// status is ok with `httpStatus`; content is the raw body, capped at 1 MiB.

export const WS_PORT_FILE = '/tmp/joelclaw/gateway.ws.port';
export const DEFAULT_WS_PORT = 3018;
export const HEALTH_BODY_CAP = 1024 * 1024;
const MAX_PORT = 65_535;

/** The port the daemon says it listens on (else `defaultPort`), and where that came from. */
export async function healthPort(
  portFile: string,
  defaultPort = DEFAULT_WS_PORT,
): Promise<{ port: number; portFrom: 'ws.port file' | 'default'; portFile: string }> {
  const raw = await readFile(portFile, 'utf8').catch(() => null);
  const trimmed = raw?.trim() ?? '';
  const n = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (n > 0 && n <= MAX_PORT) return { port: n, portFrom: 'ws.port file', portFile: raw === null ? 'missing' : 'ok' };
  return { port: defaultPort, portFrom: 'default', portFile: raw === null ? 'missing' : 'not a port' };
}

/** The body up to `cap` bytes; the rest is not read (a runaway body must not stall collection). */
async function readCapped(res: Response, cap: number): Promise<{ text: string; cut: boolean }> {
  if (!res.body) return { text: '', cut: false };
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: Buffer.concat(chunks).toString('utf8'), cut: false };
    chunks.push(Buffer.from(value));
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      return { text: Buffer.concat(chunks).subarray(0, cap).toString('utf8'), cut: true };
    }
  }
}

/** One line naming why fetch failed: the socket's cause (ECONNREFUSED ...) rather than "fetch failed". */
const fetchReason = (e: unknown): string => {
  const cause = (e as { cause?: { message?: string } }).cause;
  const msg = cause?.message ?? (e instanceof Error ? e.message : String(e));
  return msg.split('\n')[0]!.slice(0, 300);
};

/** The /health collector: one artifact, http/health. */
export const healthCollector: Collector = {
  id: 'http',
  title: 'daemon /health',
  ids: [A.health.id],
  async collect(ctx) {
    const { timeoutMs } = ctx.options;
    const found = await healthPort(ctx.resolve(WS_PORT_FILE), ctx.options.defaultWsPort);
    const url = `http://127.0.0.1:${found.port}/health`;
    const base = { id: A.health.id, source: { url }, facts: found } satisfies Partial<StagedArtifact>;
    const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ctx.signal]);
    try {
      const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
      const { text, cut } = await readCapped(res, HEALTH_BODY_CAP);
      return [
        {
          ...base,
          status: cut ? 'truncated' : 'ok',
          httpStatus: res.status,
          content: text,
          ...(cut ? { truncations: [{ reason: 'artifact-cap', kept: 'head', bytesCut: 0, note: 'body over 1 MiB; the rest was not read' }] } : {}),
        },
      ] satisfies StagedArtifact[];
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'TimeoutError') return [{ ...base, status: 'timeout', reason: `no answer from ${url} within ${timeoutMs} ms` }];
      if (name === 'AbortError') return [{ ...base, status: 'timeout', reason: 'the collection deadline was reached' }];
      return [{ ...base, status: 'error', reason: fetchReason(e) }];
    }
  },
};

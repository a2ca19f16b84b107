import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { openBundle } from '../../src/bundle/reader.js';
import { verifyBundle } from '../../src/bundle/verify.js';
import { renderReport } from '../../src/report/index.js';
import { PATHS, type SimulatedHost, createSimulatedHost } from '../helpers/simulated-host/index.js';
import { PRESETS } from '../helpers/simulated-host/presets.js';
import { collectTo, diagnose } from './helpers/collect-host.js';

// --max-size is a hard cap even when gateway.err has grown to 30 MB: the bundle fits, every cut is recorded
// in the manifest (which artifact, why, how many bytes), and the report still reads the bundle.

const DB = 26;
const MAX_SIZE = 200_000;
const ERR_BYTES = 30 * 1000 * 1000;
let dir: string;
let host: SimulatedHost;
let bundle: string;

/** 30 MB of error records that do not compress away (random ids), like a daemon failing for days. */
function hugeErrLog(): string {
  const ids = randomBytes(Math.ceil(ERR_BYTES * 0.35)).toString('hex'); // 116-byte lines: just over 30 MB
  const lines: string[] = [];
  for (let at = 0; at < ids.length; at += 80) lines.push(`[gateway:otel] emit request failed ${ids.slice(at, at + 80)}`);
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-e2e-maxsize-'));
  const spec = PRESETS.healthy!();
  spec.files[PATHS.gatewayErr] = { content: hugeErrLog(), mtime: spec.capturedAt };
  host = await createSimulatedHost(spec, { redisPort: inject('redisPort'), redisDb: DB });
  bundle = await collectTo(host, dir, 'big', { maxSizeBytes: MAX_SIZE });
});

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('collect with --max-size 200KB and a 30 MB gateway.err', () => {
  it('writes a bundle no bigger than the cap, and it verifies', async () => {
    expect((await stat(bundle)).size).toBeLessThanOrEqual(MAX_SIZE);
    expect((await verifyBundle(bundle)).problems).toEqual([]);
  });

  it('records the cut of gateway.err in the manifest, with the bytes it had at the source', async () => {
    const view = await openBundle(bundle);
    const err = view.entry(A.gatewayErrLog.id);
    expect(err?.status).toBe('truncated');
    expect(err?.bytesAtSource).toBeGreaterThan(ERR_BYTES);
    expect(err?.truncations.map((t) => t.reason)).toContain('max-size');
    const cut = err?.truncations.reduce((sum, t) => sum + t.bytesCut, 0) ?? 0;
    expect(cut + (err?.bytes ?? 0)).toBe(err?.bytesAtSource);
    expect(view.manifest.options.maxSizeBytes).toBe(MAX_SIZE);
  });

  it('keeps the small state artifacts whole while the big log pays for the cap', async () => {
    const view = await openBundle(bundle);
    for (const a of [A.pidFile, A.launchAgentPlist, A.health]) expect(view.entry(a.id)?.status, a.id).toBe('ok');
  });

  it('still gives a report that names the cut', async () => {
    const md = renderReport(await diagnose(bundle), 'markdown');
    expect(md).toContain(A.gatewayErrLog.id);
    expect(md.length).toBeLessThan(65_536);
  });
});

import { appendFile, chmod, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileArtifact, fileRecordStart, snapshotFile } from '../../../src/collect/files/tail.js';
import { callUnprivileged, letUnprivilegedIn } from '../../helpers/unprivileged.js';
import { stagedText } from '../helpers/staged.js';

const TAIL_MODULE = fileURLToPath(new URL('../../../src/collect/files/tail.ts', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwb-tail-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('snapshotFile', () => {
  it('reads a 2 GB sparse file from its end and records the full size', async () => {
    const p = join(dir, 'huge.log');
    const fh = await open(p, 'w');
    await fh.truncate(2 * 1024 ** 3);
    await fh.write('older line\n[gateway] response ready {\n  length: 412,\n}\nlast line\n', 2 * 1024 ** 3);
    await fh.close();
    const a = await fileArtifact('files/gateway.log', '/tmp/joelclaw/gateway.log', p, { capBytes: 40, keep: 'tail', bunRecords: true });
    expect(a.bytesAtSource).toBeGreaterThan(2 * 1024 ** 3);
    expect(a.status).toBe('truncated');
    expect(await stagedText(a)).toBe('last line\n');
    expect(a.truncations).toEqual([{ reason: 'artifact-cap', kept: 'tail', bytesCut: (a.bytesAtSource ?? 0) - 10 }]);
    expect(a.source).toEqual({ path: '/tmp/joelclaw/gateway.log' });
  });

  it('starts a tail after a newline, never in the middle of a line', async () => {
    const p = join(dir, 'lines.log');
    await writeFile(p, 'alpha\nbravo\ncharlie\ndelta\n');
    const s = await snapshotFile(p, { capBytes: 16, keep: 'tail' });
    expect(s.kind === 'ok' && s.content).toBe('charlie\ndelta\n');
  });

  it('starts a bun log tail on a record head, skipping object bodies, closing braces and lone commas', async () => {
    const text = 'rt of a line\n  source: "x",\n,\n}\n[gateway] response ready {\n  length: 1,\n}\n';
    const p = join(dir, 'records.log');
    await writeFile(p, text);
    const fh = await open(p, 'r');
    try {
      const at = await fileRecordStart(fh, 0, Buffer.byteLength(text), true);
      expect(text.slice(at ?? 0)).toBe('[gateway] response ready {\n  length: 1,\n}\n');
      expect(text.slice((await fileRecordStart(fh, 0, Buffer.byteLength(text), false)) ?? 0).startsWith('  source')).toBe(true);
      // null when no line ends in the range
      expect(await fileRecordStart(fh, 2, 5, true)).toBeNull();
    } finally {
      await fh.close();
    }
  });

  it('keeps a consistent snapshot of a file that grows while it is read', async () => {
    const p = join(dir, 'growing.log');
    await writeFile(p, 'one\ntwo\n');
    const fh = await open(p, 'r');
    const size = (await fh.stat()).size;
    await fh.close();
    const pending = snapshotFile(p, { capBytes: 1024, keep: 'tail' });
    await appendFile(p, 'three\n');
    const s = await pending;
    expect(s.kind).toBe('ok');
    if (s.kind !== 'ok') return;
    // Whatever moment fstat saw, the content is exactly the first `size` bytes: never a half-appended tail.
    expect(s.content).toBe(['one\ntwo\n', 'one\ntwo\nthree\n'].find((c) => c.length === s.size));
    expect(s.size).toBeGreaterThanOrEqual(size);
  });

  it('reports a missing file as missing and an unreadable one as an error', async () => {
    const miss = await fileArtifact('files/gateway.pid', '/tmp/joelclaw/gateway.pid', join(dir, 'nope'), { capBytes: 10, keep: 'head' });
    expect(miss).toMatchObject({ status: 'missing', reason: 'no such file' });
    expect(miss.content).toBeUndefined();
    const p = join(dir, 'secret');
    await writeFile(p, 'x');
    await chmod(p, 0o000);
    await letUnprivilegedIn(dir);
    // why: root reads anything, so the read runs as nobody when the suite runs as root
    const r = await callUnprivileged(TAIL_MODULE, 'snapshotFile', [p, { capBytes: 10, keep: 'head' }]);
    expect(r).toEqual({ value: { kind: 'error', reason: 'permission denied' } });
  });

  it('keeps the head of a small file that is over its cap and records the cut', async () => {
    const p = join(dir, 'big.json');
    await writeFile(p, 'x'.repeat(100));
    const a = await fileArtifact('files/gateway.lifecycle.json', '/x', p, { capBytes: 30, keep: 'head' });
    expect(a.content).toBe('x'.repeat(30));
    expect(a.truncations).toEqual([{ reason: 'artifact-cap', kept: 'head', bytesCut: 70 }]);
  });
});

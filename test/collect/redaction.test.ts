import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { createRedactor } from '../../src/redact/index.js';
import { redactMeta, redactedPieces, withoutPassword } from '../../src/collect/redaction.js';
import type { StagedArtifact } from '../../src/collect/types.js';

describe('withoutPassword', () => {
  it('removes the password of a Redis URL and keeps the user', () => {
    expect(withoutPassword('redis://default:hunter2@redis.local:6379/0')).toBe('redis://default@redis.local:6379/0');
    expect(withoutPassword('redis://:hunter2@localhost:6379')).toBe('redis://localhost:6379');
    expect(withoutPassword('redis://localhost:6379')).toBe('redis://localhost:6379');
  });
});

/** Every value of an async iterable (Array.fromAsync is Node 22+). */
async function collectAll<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('redactedPieces and redactMeta', () => {
  const token = `ghp_${'a1B2'.repeat(9)}`;
  const redactor = createRedactor({ salt: Buffer.alloc(32) });

  it('redacts content, stderr, argv and reason of one artifact and counts them together', async () => {
    const staged: StagedArtifact = {
      id: A.ps.id,
      status: 'error',
      reason: `exit code 1 (${token})`,
      source: { argv: ['curl', '-H', `Authorization: token ${token}`] },
      content: `out ${token}\n`,
      stderr: `err ${token}\n`,
      facts: { note: token },
    };
    const counts = {};
    const content = (await collectAll(redactedPieces(staged, redactor, counts))).join('');
    const meta = await redactMeta(staged, redactor, counts);
    expect(content).not.toContain(token);
    expect(JSON.stringify(meta)).not.toContain(token);
    expect(meta.content).toBeUndefined();
    expect(Object.values(counts).reduce((s: number, n) => s + (n as number), 0)).toBeGreaterThanOrEqual(5);
  });

  it('redacts a streamed artifact piece by piece like the same text whole', async () => {
    const log = Array.from({ length: 40 }, (_, i) => `[gateway] message_end with error {\n  errorMsg: "bad key ${token}${i}",\n}\n`).join('');
    const pieces = log.split(/(?=\[gateway\])/);
    const stream = { bytes: Buffer.byteLength(log), pieces: async function* () { yield* pieces; }, close: async () => {} };
    const whole = { id: A.gatewayErrLog.id, status: 'ok' as const, source: {}, content: log };
    const wholeCounts = {};
    const streamCounts = {};
    const a = (await collectAll(redactedPieces(whole, redactor, wholeCounts))).join('');
    const b = (await collectAll(redactedPieces({ ...whole, content: undefined, stream }, redactor, streamCounts))).join('');
    expect(b).toBe(a);
    expect(b).not.toContain(token);
    expect(streamCounts).toEqual(wholeCounts);
  });

  it('passes the pieces unchanged without a redactor (--no-redact)', async () => {
    const counts = {};
    const out = await collectAll(redactedPieces({ id: A.ps.id, status: 'ok', source: {}, content: token }, null, counts));
    expect(out).toEqual([token]);
    expect(counts).toEqual({});
  });

  it('passes the content through the leak gate last, counting what only the gate found as leak-gate', async () => {
    const token = `ghp_${'c3D4'.repeat(9)}`;
    const counts = {};
    const staged: StagedArtifact = { id: A.health.id, status: 'ok', source: {}, content: JSON.stringify({ seen: { [token]: true } }) };
    const content = (await collectAll(redactedPieces(staged, createRedactor({ salt: Buffer.alloc(32) }), counts))).join('');
    expect(content).not.toContain(token);
    expect(counts).toEqual({ 'leak-gate': 1 });
  });
});

import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bunRecordEnd, filePieces, lineEnd, type PieceEnd } from '../../src/collect/pieces.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwb-pieces-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The pieces of `text` read from a file with small pieces, as strings. */
async function piecesOf(text: string, end: PieceEnd, pieceBytes: number): Promise<string[]> {
  const p = join(dir, `f-${Math.random().toString(36).slice(2)}`);
  await writeFile(p, text);
  const fh = await open(p, 'r');
  try {
    const out: string[] = [];
    for await (const piece of filePieces(fh, 0, Buffer.byteLength(text), end, pieceBytes)) out.push(piece.toString('utf8'));
    return out;
  } finally {
    await fh.close();
  }
}

const record = (i: number) => `[gateway] response ready {\n  source: "telegram:${i}",\n  text: "caf\u00e9 \u2014 ${i}",\n}\n`;

describe('filePieces', () => {
  it('gives back every byte in order, each bun log piece starting on a record head', async () => {
    const text = Array.from({ length: 200 }, (_, i) => record(i)).join('');
    const pieces = await piecesOf(text, bunRecordEnd, 300);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(10);
    for (const p of pieces) expect(p.startsWith('[gateway] response ready {')).toBe(true);
  });

  it('ends JSONL pieces on line ends', async () => {
    const text = Array.from({ length: 300 }, (_, i) => JSON.stringify({ type: 'message', n: i, text: 'x'.repeat(i % 40) })).join('\n');
    const pieces = await piecesOf(text, lineEnd, 256);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces.slice(0, -1)) expect(p.endsWith('\n')).toBe(true);
    for (const line of pieces.flatMap((p) => p.split('\n')).filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('never cuts a PEM private-key block in two, even where its base64 lines look like record heads', async () => {
    const body = Array.from({ length: 30 }, () => 'MIIEowIBAAKCAQEAfakefakefakefakefakefakefake0123456789abcdef').join('\n');
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;
    const text = `${record(1)}[gateway] loaded key {\n  key: "see below",\n}\n${pem}${record(2)}${record(3)}`;
    const pieces = await piecesOf(text, bunRecordEnd, 400);
    expect(pieces.join('')).toBe(text);
    expect(pieces.filter((p) => p.includes('-----BEGIN RSA PRIVATE KEY-----') && p.includes('-----END RSA PRIVATE KEY-----'))).toHaveLength(1);
  });

  it('cuts a record longer than a piece at line ends only', async () => {
    const long = `[gateway] big {\n${Array.from({ length: 100 }, (_, i) => `  k${i}: "${'v'.repeat(20)}",`).join('\n')}\n}\n`;
    const text = `${record(1)}${long}${record(2)}`;
    const pieces = await piecesOf(text, bunRecordEnd, 64);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces) expect(p.endsWith('\n')).toBe(true);
  });
});

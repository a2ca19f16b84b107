import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { BLOCK_BYTES, PackedBody } from '../../src/bundle/body.js';
import { viewFromContents } from '../../src/bundle/view.js';
import { createContext } from '../../src/replay/context.js';
import { bundleFrom } from '../helpers/bundle-from.js';

// A big artifact is read from its bytes, compressed in blocks as the reader keeps it (records decode their
// first line and text on demand, JSONL values are parsed when read) instead of being kept as
// text: every derived form must be the same as the small-artifact path gives for the same bytes.

const ERR = [
  '[gateway:redis] disconnected \u2014 will reconnect',
  'command-queue: prompt failed {',
  '  source: "telegram:1",',
  '  consecutiveFailures: 2,',
  '  error: 12 |       throw new Error("Agent is already processing.");',
  '                    ^',
  'error: Agent is already processing.',
  '      at prompt (/x/agent-session.js:907:19)',
  ',',
  '}',
  '',
  '[gateway] caf\u00e9 \u{1F600} response ready {',
  '  length: 412,',
  '}',
].join('\n').repeat(1500);
const TRANSCRIPT = ['{"type":"session","id":"s"}', '', '{"type":"message","n":1,"text":"\u2014"}', '{"broken', '   ', '{"type":"message","n":2}', ''].join('\n').repeat(50);

const view = bundleFrom({ [A.gatewayErrLog.id]: `${ERR}\n`, [A.sessionTranscript.id]: TRANSCRIPT, [A.pidFile.id]: '4242\n' });
const small = createContext(view);
// The reader's form of big artifacts: compressed blocks (several of them here).
const packedView = viewFromContents(view.manifest, new Map(view.ids().flatMap((id) => {
  const t = view.text(id);
  if (t === undefined) return [];
  const body = new PackedBody();
  body.push(Buffer.from(t));
  return [[id, body.end()] as const];
})));
const big = createContext(packedView, { keepTextBytes: 0 });
const plain = (records: ReturnType<typeof small.records>) => records?.map((r) => ({ line: r.line, endLine: r.endLine, head: r.head, text: r.text }));

describe('createContext for big artifacts', () => {
  it('groups the same records, with the same first lines and texts', () => {
    expect(plain(big.records(A.gatewayErrLog.id))).toEqual(plain(small.records(A.gatewayErrLog.id)));
    expect(big.records(A.gatewayErrLog.id)?.length).toBeGreaterThan(3000);
    expect(Buffer.byteLength(ERR)).toBeGreaterThan(2 * BLOCK_BYTES);
  });

  it('gives the same lines, JSONL values, JSONL error count and text', () => {
    expect(big.lines(A.gatewayErrLog.id)).toEqual(small.lines(A.gatewayErrLog.id));
    expect(big.jsonl(A.sessionTranscript.id)?.map((l) => ({ line: l.line, value: l.value }))).toEqual(small.jsonl(A.sessionTranscript.id));
    expect(big.jsonlErrors(A.sessionTranscript.id)).toBe(small.jsonlErrors(A.sessionTranscript.id));
    expect(big.jsonlErrors(A.sessionTranscript.id)).toBe(50);
    expect(big.text(A.gatewayErrLog.id)).toBe(`${ERR}\n`);
  });

  it('hands every JSONL value to eachJsonl in one pass, the same values and error count as the small path', () => {
    const fresh = createContext(packedView, { keepTextBytes: 0 });
    const seen: Array<{ line: number; value: unknown }> = [];
    expect(fresh.eachJsonl(A.sessionTranscript.id, (l) => seen.push({ line: l.line, value: l.value }))).toBe(true);
    expect(seen).toEqual(small.jsonl(A.sessionTranscript.id));
    expect(fresh.jsonlErrors(A.sessionTranscript.id)).toBe(50);
    const again: unknown[] = [];
    fresh.eachJsonl(A.sessionTranscript.id, (l) => again.push(l.value));
    expect(again).toEqual(seen.map((l) => l.value));
    expect(fresh.eachJsonl(A.gatewayLog.id, () => {})).toBe(false);
  });

  it('finds the last line holding a string the same way, in the bytes of a big log', () => {
    for (const needle of ['response ready', 'Agent is already', 'caf\u00e9 \u{1F600}', 'never printed']) {
      expect(big.lastLineWith(A.gatewayErrLog.id, needle)).toBe(small.lastLineWith(A.gatewayErrLog.id, needle));
    }
    expect(big.lastLineWith(A.gatewayErrLog.id, 'response ready')).toBe(ERR.split('\n').findLastIndex((l) => l.includes('response ready')) + 1);
    expect(big.lastLineWith(A.gatewayErrLog.id, 'never printed')).toBeNull();
  });

  it('finds a string that straddles two of the blocks it searches', () => {
    // the search reads 256 KiB blocks back from the end: put NEEDLE across the first boundary
    const log = `${'a\n'.repeat(1000)}the NEEDLE\n${'b\n'.repeat(BLOCK_BYTES).slice(0, BLOCK_BYTES - 3)}`;
    const body = new PackedBody();
    body.push(Buffer.from(log));
    const ctx = createContext(viewFromContents(view.manifest, new Map([[A.gatewayErrLog.id, body.end()]])), { keepTextBytes: 0 });
    expect(ctx.lastLineWith(A.gatewayErrLog.id, 'NEEDLE')).toBe(1001);
  });

  it('finds the lines matching an ASCII pattern the same way, in the bytes of a big log, past multi-byte characters', () => {
    for (const re of [/response ready/, /AGENT is/i, /\d+ \|/, /consecutiveFailures: \d/g, /never printed/]) {
      expect(big.linesMatching(A.gatewayErrLog.id, re), String(re)).toEqual(small.linesMatching(A.gatewayErrLog.id, re));
    }
    expect(big.linesMatching(A.gatewayErrLog.id, /response ready/)).toHaveLength(1500);
    expect(big.linesMatching(A.gatewayErrLog.id, /never printed/)).toEqual([]);
  });

  it('finds a match that straddles two of the blocks it searches, once', () => {
    // the search reads 256 KiB blocks from the start: put NEEDLE across the first boundary, and one more in the next
    const head = 'a\n'.repeat(1000);
    const log = `${head}${'x'.repeat(BLOCK_BYTES - head.length - 3)}NEEDLE\nb\nNEEDLE\n`;
    const body = new PackedBody();
    body.push(Buffer.from(log));
    const ctx = createContext(viewFromContents(view.manifest, new Map([[A.gatewayErrLog.id, body.end()]])), { keepTextBytes: 0 });
    expect(ctx.linesMatching(A.gatewayErrLog.id, /NEEDLE/)).toEqual([1001, 1003]);
  });

  it('judges absence from the bytes without decoding them', () => {
    for (const id of [A.gatewayErrLog.id, A.sessionTranscript.id, A.pidFile.id, A.gatewayLog.id]) expect(big.absence(id)).toBe(small.absence(id));
  });
});

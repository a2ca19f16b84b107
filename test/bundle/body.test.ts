import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, PackedBody, plainBody } from '../../src/bundle/body.js';

describe('PackedBody', () => {
  it('gives back any range of what was pushed, across block boundaries, in whatever chunks it came', () => {
    const bytes = Buffer.concat([randomBytes(BLOCK_BYTES + 123), Buffer.from('x'.repeat(2 * BLOCK_BYTES)), randomBytes(777)]);
    const body = new PackedBody();
    for (let at = 0; at < bytes.length; at += 65_521) body.push(bytes.subarray(at, at + 65_521));
    body.end();
    expect(body.length).toBe(bytes.length);
    for (const [start, end] of [[0, 10], [BLOCK_BYTES - 5, BLOCK_BYTES + 5], [100, 3 * BLOCK_BYTES + 500], [bytes.length - 1, bytes.length], [0, bytes.length]] as const) {
      expect(body.slice(start, end).equals(bytes.subarray(start, end)), `${start}..${end}`).toBe(true);
    }
    expect(body.slice(50, 50).length).toBe(0);
  });

  it('decodes any range as UTF-8, a character cut by a block boundary included, like the bytes it holds', () => {
    // 'é' is two bytes: with an odd prefix, one of them straddles the first block boundary
    const text = `a${'é'.repeat(BLOCK_BYTES)}\nline two ✓`;
    const bytes = Buffer.from(text, 'utf8');
    const body = new PackedBody();
    body.push(bytes);
    body.end();
    for (const [start, end] of [[0, 9], [BLOCK_BYTES - 3, BLOCK_BYTES + 5], [1, bytes.length], [bytes.length - 14, bytes.length]] as const) {
      expect(body.text(start, end), `${start}..${end}`).toBe(bytes.toString('utf8', start, end));
      expect(plainBody(bytes).text(start, end)).toBe(bytes.toString('utf8', start, end));
    }
    expect(body.text(7, 7)).toBe('');
  });
});

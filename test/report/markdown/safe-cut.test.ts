import { describe, expect, it } from 'vitest';
import { safeCut } from '../../../src/report/markdown/safe-cut.js';
import { openFence } from './check.js';

describe('safeCut', () => {
  it('cuts at a line inside a fence, closes the fence and the <details>, and ends with the note', () => {
    const text = ['# t', '<details><summary>s</summary>', '', '````text', ...Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(50)}`), '````', '</details>'].join('\n');
    const out = safeCut(text, 1_000, 'NOTE');
    expect(out.length).toBeLessThanOrEqual(1_000);
    expect(openFence(out)).toBeNull();
    expect(out).toMatch(/\n````\n\n<\/details>\n\nNOTE\n$/);
  });

  it('keeps a closed fence closed and adds nothing for it', () => {
    const out = safeCut('```\na\n```\nmore text here\n', 200, 'N');
    expect(out).toBe('```\na\n```\nmore text here\n\n\nN\n');
  });
});

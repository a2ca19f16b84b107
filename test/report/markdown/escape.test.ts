import { describe, expect, it } from 'vitest';
import { FENCE_LINE_MAX, INLINE_MAX, clean, fence, mdCell, mdInline, mdProse, ref, statusIcon } from '../../../src/report/markdown/escape.js';
import { cellCount } from './check.js';

describe('mdCell', () => {
  it('escapes pipes so a log line cannot add table columns', () => {
    const cell = mdCell('redis | ping | pong');
    expect(cellCount(`| ${cell} | x |`)).toBe(2);
    expect(cell).toBe('redis \\| ping \\| pong');
  });

  it('folds newlines into spaces and strips ANSI and control characters', () => {
    expect(mdCell('\u001b[31mred\u001b[0m\nnext\u0007line\r\nend')).toBe('red nextline end');
  });

  it('cuts long text visibly with an ellipsis', () => {
    const cell = mdCell('x'.repeat(10_000));
    expect(cell.length).toBe(INLINE_MAX);
    expect(cell.endsWith('…')).toBe(true);
  });

  it('gives an empty value a blank cell rather than collapsing the column', () => {
    expect(mdCell('')).toBe(' ');
    expect(mdCell(null)).toBe(' ');
  });
});

describe('mdInline', () => {
  it('keeps HTML, emphasis, links and code spans from rendering', () => {
    expect(mdInline('<details> **b** [x](y) `c` &amp;')).toBe('\\<details\\> \\*\\*b\\*\\* \\[x\\](y) \\`c\\` &amp;amp;');
  });
});

describe('fence', () => {
  it('uses a fence longer than any backtick run inside', () => {
    const text = 'a ``` b\n`````\nc';
    const out = fence(text);
    expect(out.startsWith('``````text\n')).toBe(true);
    expect(out.endsWith('\n``````')).toBe(true);
  });

  it('cuts a very long line and says how much was cut', () => {
    const out = fence('y'.repeat(10_000));
    expect(out).toContain(`… (${10_000 - FENCE_LINE_MAX} chars cut)`);
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThan(FENCE_LINE_MAX + 40);
  });

  it('keeps at most the given number of lines and counts the rest', () => {
    const out = fence(Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n'), 'text', 5);
    expect(out.split('\n')).toHaveLength(5 + 3);
    expect(out).toContain('… 45 more line(s) cut');
  });
});

describe('ref, clean and statusIcon', () => {
  it('writes an artifact id and line as inline code, and escapes anything that is not an id', () => {
    expect(ref('files/gateway.err', 12)).toBe('`files/gateway.err:12`');
    expect(ref('a`b|c')).toBe('a\\`b\\|c');
  });

  it('strips ANSI colour sequences', () => {
    expect(clean('\u001b[1;32mok\u001b[0m')).toBe('ok');
  });

  it('gives every status an icon and an unknown value the unknown icon', () => {
    expect(new Set(['ok', 'degraded', 'failed', 'skipped', 'unknown'].map(statusIcon)).size).toBe(5);
    expect(statusIcon('weird')).toBe(statusIcon('unknown'));
  });
});

describe('mdProse', () => {
  it('keeps the code spans of our own catalog text and escapes the prose around them', () => {
    expect(mdProse('Run `/login <provider>` then *restart*')).toBe('Run `/login <provider>` then \\*restart\\*');
  });

  it('escapes an unmatched backtick like any other prose', () => {
    expect(mdProse('a ` b <c>')).toBe('a \\` b \\<c\\>');
  });
});

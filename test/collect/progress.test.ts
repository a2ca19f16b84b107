import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/collect/progress.js';

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 80, write: (c: string) => chunks.push(c) } };
};

describe('createProgress', () => {
  it('prints one plain line per step when stderr is not a terminal', () => {
    const { chunks, stream } = sink(false);
    const p = createProgress(stream, {});
    p.update('redis: ok (1.2s)');
    p.update('files: ok (0.1s)');
    p.done();
    expect(chunks.join('')).toBe('[gwbundle] redis: ok (1.2s)\n[gwbundle] files: ok (0.1s)\n');
  });

  it('rewrites one live line on a terminal and clears it when done', () => {
    const { chunks, stream } = sink(true);
    const p = createProgress(stream, { NO_COLOR: '1' });
    const update = p.update; // the CLI passes it unbound
    update('redis: ok');
    update('files: ok');
    p.done();
    const out = chunks.join('');
    expect(out).toBe('[gwbundle] redis: ok\r\u001b[2K[gwbundle] files: ok\r\u001b[2K');
  });

  it('gives warnings a permanent line even on a terminal, coloured unless NO_COLOR', () => {
    const { chunks, stream } = sink(true);
    const p = createProgress(stream, {});
    p.update('warning: redaction is OFF');
    expect(chunks.join('')).toContain('\u001b[33mwarning: redaction is OFF\u001b[39m\n');
  });

  it('falls back to plain lines in CI even on a terminal', () => {
    const { chunks, stream } = sink(true);
    createProgress(stream, { CI: 'true' }).update('host: ok');
    expect(chunks).toEqual(['[gwbundle] host: ok\n']);
  });
});

describe('the line collect leaves when it is done', () => {
  it('stays on a terminal after the live line is erased, and is printed plainly elsewhere', () => {
    const tty = sink(true);
    const live = createProgress(tty.stream, { NO_COLOR: '1' });
    live.update('redis: ok');
    live.done('63 sources: 60 ok');
    expect(tty.chunks.join('')).toBe('[gwbundle] redis: ok\r\u001b[2K[gwbundle] 63 sources: 60 ok\n');
    const pipe = sink(false);
    createProgress(pipe.stream, {}).done('63 sources: 60 ok');
    expect(pipe.chunks).toEqual(['[gwbundle] 63 sources: 60 ok\n']);
  });
});

import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTextOutput } from '../../src/report/output.js';

describe('writeTextOutput', () => {
  it('writes the report and leaves no temp file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gwb-out-'));
    await writeTextOutput(join(dir, 'r.md'), '# report\n', { force: false });
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe('# report\n');
    expect(await readdir(dir)).toEqual(['r.md']);
  });

  it('never replaces an existing file without --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gwb-out-'));
    await writeFile(join(dir, 'r.md'), 'mine');
    await expect(writeTextOutput(join(dir, 'r.md'), 'new', { force: false })).rejects.toThrowError(/already exists/);
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe('mine');
    expect(await readdir(dir)).toEqual(['r.md']);
    await writeTextOutput(join(dir, 'r.md'), 'new', { force: true });
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toBe('new');
  });

  it('says so in one line when the directory does not exist', async () => {
    await expect(writeTextOutput('/nonexistent-dir-gwb/r.md', 'x', { force: false })).rejects.toThrowError(/directory does not exist/);
  });
});

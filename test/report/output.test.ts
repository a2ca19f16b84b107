import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTextOutput } from '../../src/report/output.js';
import { runCli } from '../helpers/run-cli.js';
import { FIXTURE_BUNDLES } from './fixture-reports.js';

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

describe('an output file that already exists', () => {
  it('is refused the same way by collect -o (before collecting) and report --out: one line, exit 1, untouched; --force replaces it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gwb-out-'));
    const existing = join(dir, 'taken');
    await writeFile(existing, 'mine');
    const bundle = join(FIXTURE_BUNDLES, 'healthy.tar.gz');
    const collect = ['collect', '--root', dir, '--home', '/Users/nobody', '--redis-url', 'redis://127.0.0.1:1', '--kubeconfig', join(dir, 'none'), '--timeout', '1', '--hours', '1'];
    const refusals = [await runCli([...collect, '-o', existing], { env: { PATH: dir } }), await runCli(['report', bundle, '--out', existing])];
    for (const r of refusals) {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toBe(`gwbundle: ${existing} already exists (use --force to replace it)\n`);
      expect(r.stdout).toBe('');
    }
    expect(await readFile(existing, 'utf8')).toBe('mine');
    const report = await runCli(['report', bundle, '--out', existing, '--force']);
    expect(report.code, report.stderr).toBe(0);
    expect(await readFile(existing, 'utf8')).toMatch(/^# ✅ Gateway OK/);
    // collect --force: test/collect/index.test.ts (a whole collection, too slow to run twice here).
  });
});

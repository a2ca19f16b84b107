import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLES_DIR, REPORTS_DIR, goldenChanges, goldenShape, machineFactsIn, main, renderGoldens } from '../../scripts/make-fixtures.js';

// `npm run fixtures` must not bless a regression silently: it says per fixture how the diagnosis moves against
// the committed golden, and keeps a fixture whose verdict changes unless --accept. Exercised with
// --reports-only on copies of committed fixtures in a temp dir (no servers, nothing of the repo touched).

const HEALTHY = { verdict: 'ok', layers: { process: 'ok', redis: 'ok' }, scenarios: [] };

describe('goldenChanges', () => {
  it('says a diagnosis is unchanged, naming its verdict', () => {
    expect(goldenChanges(HEALTHY, HEALTHY)).toEqual({ lines: ['diagnosis unchanged (ok)'], verdictChanged: false });
  });

  it('names a moved verdict, every moved layer and the scenarios that came and went', () => {
    const after = { verdict: 'degraded at process', layers: { process: 'degraded', redis: 'unknown' }, scenarios: ['stale-pid-file'] };
    expect(goldenChanges({ ...HEALTHY, scenarios: ['4c'] }, after)).toEqual({
      lines: ['verdict ok -> degraded at process', 'layer process ok -> degraded', 'layer redis ok -> unknown', 'scenarios +stale-pid-file -4c'],
      verdictChanged: true,
    });
  });

  it('lets layer and scenario changes through when the verdict stays', () => {
    expect(goldenChanges(HEALTHY, { ...HEALTHY, layers: { process: 'ok', redis: 'degraded' } }).verdictChanged).toBe(false);
  });

  it('calls a fixture without a golden new', () => {
    expect(goldenChanges(null, HEALTHY)).toEqual({ lines: ['new: verdict ok; scenarios []'], verdictChanged: false });
  });
});

describe('machineFactsIn', () => {
  const machine = { kernelRelease: '6.1.0-42-cloud-amd64', hostname: 'buildbox' };

  it("finds the building machine's kernel release and hostname as whole tokens", () => {
    expect(machineFactsIn('os:Linux 6.1.0-42-cloud-amd64 x86_64\nhost buildbox\n', '{}', machine)).toEqual([
      'kernel release 6.1.0-42-cloud-amd64', 'hostname buildbox',
    ]);
  });

  it('ignores longer tokens that only contain them, and facts the simulated host says itself', () => {
    expect(machineFactsIn('buildboxes 6.1.0-42-cloud-amd64x', '{}', machine)).toEqual([]);
    expect(machineFactsIn('"hostname": "buildbox"', '{"hostname":"buildbox"}', machine)).toEqual([]);
  });
});

describe('npm run fixtures -- --reports-only on a fixture whose verdict would change', () => {
  let dir: string;
  let dirs: { bundles: string; reports: string; diffPairs: false };
  const log: string[] = [];
  let before: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gwbundle-make-fixtures-'));
    dirs = { bundles: join(dir, 'bundles'), reports: join(dir, 'reports'), diffPairs: false };
    await mkdir(dirs.bundles);
    await mkdir(dirs.reports);
    // the healthy bundle, with the golden of a failing fixture standing in for its committed report
    await copyFile(join(BUNDLES_DIR, 'healthy.tar.gz'), join(dirs.bundles, 'healthy.tar.gz'));
    before = await readFile(join(REPORTS_DIR, 's2a-auth-expired.json'), 'utf8');
    await writeFile(join(dirs.reports, 'healthy.json'), before);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('prints the changes, writes nothing and exits 1 without --accept', async () => {
    const code = await main(['--reports-only', 'healthy'], dirs, (l) => log.push(l));
    expect(code).toBe(1);
    expect(log[0]).toMatch(/^fixtures: healthy: verdict failed at error-log -> ok; layer error-log failed -> ok; .*scenarios -2a$/);
    expect(log.at(-1)).toMatch(/^fixtures: NOT written, their verdict changes: healthy; .*--accept/);
    expect(await readFile(join(dirs.reports, 'healthy.json'), 'utf8')).toBe(before);
    await expect(readFile(join(dirs.reports, 'healthy.md'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('writes the new goldens with --accept', async () => {
    expect(await main(['--reports-only', '--accept', 'healthy'], dirs, () => undefined)).toBe(0);
    const want = await renderGoldens(join(dirs.bundles, 'healthy.tar.gz'));
    expect(await readFile(join(dirs.reports, 'healthy.json'), 'utf8')).toBe(want.json);
    expect(goldenShape(want.json).verdict).toBe('ok');
  });

  it('refuses an unknown option or preset in one line', async () => {
    await expect(main(['--force'], dirs)).rejects.toThrow(/^unknown option --force \(usage: npm run fixtures/);
    await expect(main(['--reports-only', 'nope'], dirs)).rejects.toThrow(/^unknown preset "nope"/);
  });
});

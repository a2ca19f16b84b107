import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/bundle/verify.js';
import { DiffV1, type DiffResult } from '../../src/diff/schema.js';
import { DIFFS_DIR, DIFF_PAIR_NAMES, pairBundle, renderDiffGoldens } from '../../scripts/make-diff-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { openFence, tables } from '../report/markdown/check.js';

// The `gwbundle diff` fixture pairs (fixtures/diffs): bundles of one simulated machine collected twice by the
// real collector. Each pair must give exactly its golden diffs and the changes the issue names; the CLI must
// exit by the contract (0 nothing got worse, 3 something did, 2 a bundle is unreadable).

const REGENERATE = 'if the change is intended, regenerate with `npm run fixtures` (`npm run fixtures -- --reports-only` when only replay or the diff changed) and review the diff';
const GITHUB_COMMENT_LIMIT = 65_536;

/** What each pair must show, written from the issue (issue 12, "fixture pairs made by the real collector"). */
const EXPECTED: Record<string, { outcome: DiffResult['outcome']; exit: number; layers: Record<string, string>; scenarios: Record<string, string>; figures: Record<string, string>; why: string }> = {
  's2a-then-relogin': {
    outcome: 'better', exit: 0,
    layers: { 'error-log': 'resolved', redis: 'resolved' },
    scenarios: { '2a': 'resolved' },
    figures: { 'redis.unacked': 'down', 'redis.queue:joelclaw:events:gateway': 'down', 'pattern:auth-failed@files/gateway.err': 'down', 'launchd.runs': 'up', 'daemon.pid': 'changed' },
    why: 'a failure and its fix: auth expired (2a), then healthy after re-login and a restart',
  },
  'healthy-then-s4a': {
    outcome: 'worse', exit: 3,
    layers: { 'error-log': 'new-failure' },
    scenarios: { '4a': 'appeared' },
    figures: { 'pattern:redis-max-retries@files/gateway.err': 'up', 'pattern:unhandled-rejection@files/gateway.err': 'up' },
    why: 'the same machine degrading: healthy, then the Redis retry storm (4a)',
  },
  'redis-reachable-then-unreachable': {
    outcome: 'worse', exit: 3,
    layers: { redis: 'new-failure' },
    scenarios: {},
    figures: { 'redis.unacked': 'lost-visibility', 'redis.unacked.staleOnReplay': 'lost-visibility', 'redis.queue:joelclaw:events:gateway': 'lost-visibility' },
    why: 'visibility lost: Redis reachable, then unreachable, so its queue, stream and config are unknown, with the reason',
  },
};

const rendered = new Map<string, { markdown: string; json: string }>();

beforeAll(async () => {
  for (const pair of DIFF_PAIR_NAMES) {
    if (existsSync(pairBundle(pair, 'old')) && existsSync(pairBundle(pair, 'new'))) rendered.set(pair, await renderDiffGoldens(pair));
  }
});

const get = (pair: string) => {
  const r = rendered.get(pair);
  if (!r) throw new Error(`fixtures/diffs/bundles/${pair}.{old,new}.tar.gz are missing: run \`npm run fixtures\``);
  return r;
};
const diffOf = (pair: string): DiffResult => JSON.parse(get(pair).json) as DiffResult;

describe('diff fixture pairs', () => {
  it('has an expectation for every pair and both bundles of every pair', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...DIFF_PAIR_NAMES].sort());
    const absent = DIFF_PAIR_NAMES.flatMap((p) => [pairBundle(p, 'old'), pairBundle(p, 'new')]).filter((f) => !existsSync(f));
    expect(absent, `bundles missing: ${REGENERATE}`).toEqual([]);
  });

  describe.each(DIFF_PAIR_NAMES.map((p) => [p]))('%s', (pair) => {
    it('has two bundles that pass verify', async () => {
      for (const side of ['old', 'new'] as const) expect((await verifyBundle(pairBundle(pair, side))).problems).toEqual([]);
    });

    it('renders exactly its golden Markdown and JSON diffs', async () => {
      const { markdown, json } = get(pair);
      expect(markdown, `fixtures/diffs/${pair}.md differs: ${REGENERATE}`).toBe(await readFile(join(DIFFS_DIR, `${pair}.md`), 'utf8').catch(() => null));
      expect(json, `fixtures/diffs/${pair}.json differs: ${REGENERATE}`).toBe(await readFile(join(DIFFS_DIR, `${pair}.json`), 'utf8').catch(() => null));
    });

    it('shows the changes its story is about', () => {
      const want = EXPECTED[pair]!;
      const diff = diffOf(pair);
      expect(diff.outcome, want.why).toBe(want.outcome);
      const layers = Object.fromEntries(diff.layers.map((l) => [l.id, l.change]));
      expect(layers, want.why).toMatchObject(want.layers);
      const scenarios = Object.fromEntries(diff.scenarios.map((s) => [s.id, s.change]));
      expect(scenarios, want.why).toMatchObject(want.scenarios);
      const figures = Object.fromEntries(diff.figures.map((f) => [f.id, f.change]));
      expect(figures, want.why).toMatchObject(want.figures);
    });

    it('is one machine captured later: same host, NEW after OLD, no warning', () => {
      const diff = diffOf(pair);
      expect(diff.old.host).toBe(diff.new.host);
      expect(diff.elapsedSeconds).toBeGreaterThan(0);
      expect(diff.warnings).toEqual([]);
    });

    it('gives JSON that validates against DiffV1 and Markdown that GitHub can render in one comment', () => {
      const parsed = DiffV1.safeParse(diffOf(pair));
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      const md = get(pair).markdown;
      expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
      expect(openFence(md)).toBeNull();
      for (const t of tables(md)) expect(t.counts.every((n) => n === t.header), `table cells ${t.counts.join(',')}`).toBe(true);
      expect(() => marked.parse(md, { async: false })).not.toThrow();
    });
  });

  it('says why Redis figures became unknown, and never shows a plist environment value', () => {
    const diff = diffOf('redis-reachable-then-unreachable');
    expect(diff.figures.find((f) => f.id === 'redis.unacked')?.newWhy).toMatch(/^redis\/messages-stream could not be collected \(error: .*ECONNREFUSED/);
    expect(diff.machine.find((m) => m.id === 'config:model')).toMatchObject({ old: 'gpt-5.6-sol', new: null, change: 'lost-visibility' });
    expect(diff.worse).toContainEqual(expect.stringMatching(/^lost visibility: unacked messages in joelclaw:gateway:messages;/));
    for (const pair of DIFF_PAIR_NAMES) {
      const names = diffOf(pair).machine.find((m) => m.id === 'plist.environmentNames');
      expect(String(names?.old)).toMatch(/^[A-Z0-9_]+(, [A-Z0-9_]+)*$/);
    }
  });
});

describe('gwbundle diff', () => {
  it.each(DIFF_PAIR_NAMES.map((p) => [p]))('exits by the rule on %s and prints its golden diff', async (pair) => {
    const r = await runCli(['diff', pairBundle(pair, 'old'), pairBundle(pair, 'new')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXPECTED[pair]!.exit);
    expect(r.stdout).toBe(get(pair).markdown);
  });

  it('says "no change" and exits 0 for a bundle against itself', async () => {
    const bundle = pairBundle('healthy-then-s4a', 'new');
    const md = await runCli(['diff', bundle, bundle]);
    expect(md.code).toBe(0);
    expect(md.stdout.split('\n')[0]).toMatch(/^# ➖ No change/);
    const json = await runCli(['diff', bundle, bundle, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ schema: 'gwbundle.diff/v1', outcome: 'no-change', worse: [] });
  });

  it('exits 2 with one line naming which bundle is unreadable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gwb-diff-'));
    const notGzip = join(dir, 'notes.tar.gz');
    await writeFile(notGzip, 'just some text, not a bundle\n');
    const good = pairBundle('s2a-then-relogin', 'old');
    const bad = await runCli(['diff', notGzip, good]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^gwbundle: OLD .*notes\.tar\.gz.*not a gzip file/);
    const missing = await runCli(['diff', good, join(dir, 'nope.tar.gz')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^gwbundle: NEW: no such file: .*nope\.tar\.gz/);
    for (const r of [bad, missing]) {
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  it('never writes --out over an existing file unless --force, like report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gwb-diff-'));
    const out = join(dir, 'diff.json');
    await writeFile(out, 'mine');
    const args = ['diff', pairBundle('s2a-then-relogin', 'old'), pairBundle('s2a-then-relogin', 'new'), '--format', 'json', '--out', out];
    const refused = await runCli(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists \(use --force/);
    expect(await readFile(out, 'utf8')).toBe('mine');
    const forced = await runCli([...args, '--force']);
    expect(forced).toMatchObject({ code: 0, stdout: '' });
    expect(await readFile(out, 'utf8')).toBe(get('s2a-then-relogin').json);
  });

  it('exits 1 on a missing bundle argument or an unknown format, and explains itself in --help', async () => {
    expect((await runCli(['diff', pairBundle('s2a-then-relogin', 'old')])).code).toBe(1);
    expect((await runCli(['diff', 'a.tar.gz', 'b.tar.gz', '--format', 'html'])).code).toBe(1);
    const help = await runCli(['diff', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n {2}gwbundle diff /);
    expect(help.stdout).toMatch(/3 something got worse/);
  });
});

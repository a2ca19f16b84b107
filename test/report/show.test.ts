import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { parseShowTarget, showArtifact } from '../../src/report/show.js';
import { bundleFrom } from '../helpers/bundle-from.js';
import { runCli } from '../helpers/run-cli.js';
import { FIXTURE_BUNDLES, FIXTURE_NAMES, fixtureReports } from './fixture-reports.js';

// `gwbundle show BUNDLE ARTIFACT[:LINE[-LINE]]` opens evidence exactly as the reports print it.

const ERR = [
  'first line',
  'command-queue: prompt failed {',
  '  source: "telegram:1",',
  '  consecutiveFailures: 2,',
  '}',
  'after the record',
  'last line',
].join('\n');

const view = () => bundleFrom({ [A.gatewayErrLog.id]: `${ERR}\n`, [A.sessionTranscript.id]: 'a\nb\nc\nd\n' });
const show = (arg: string, context?: number) => showArtifact(view(), parseShowTarget(view(), arg, 'b.tar.gz'), context).stdout;

describe('gwbundle show', () => {
  it('prints the whole artifact when no line is given', () => {
    expect(show(A.gatewayErrLog.id)).toBe(`${ERR}\n`);
  });

  it('prints the whole log record a cited line starts, with numbered context and the cited lines marked', () => {
    expect(show(`${A.gatewayErrLog.id}:2`, 1)).toBe(
      ['  1 | first line', '> 2 | command-queue: prompt failed {', '> 3 |   source: "telegram:1",', '> 4 |   consecutiveFailures: 2,', '> 5 | }', '  6 | after the record', ''].join('\n'),
    );
  });

  it('prints one line of a transcript and a FROM-TO range as asked', () => {
    expect(show(`${A.sessionTranscript.id}:2`, 1)).toBe('  1 | a\n> 2 | b\n  3 | c\n');
    expect(show(`${A.sessionTranscript.id}:2-3`, 0)).toBe('> 2 | b\n> 3 | c\n');
  });

  it('refuses a line past the end, a backwards range, an unknown artifact and an artifact without content, in one line each', () => {
    expect(() => show(`${A.sessionTranscript.id}:9`)).toThrow(/^files\/session\.jsonl has 4 lines: line 9 is past its end$/);
    expect(() => show(`${A.sessionTranscript.id}:3-2`)).toThrow(/FROM <= TO/);
    expect(() => show('files/nope.log:3')).toThrow(/^no artifact "files\/nope\.log" in b\.tar\.gz/);
    expect(() => show(A.pidFile.id)).toThrow(/^files\/gateway\.pid has no content in this bundle \(missing: /);
  });

  it("shows a command as re-running it would: stdout, and the stderr it printed", () => {
    const v = bundleFrom({ [A.colimaStatus.id]: { content: '', status: 'error', exitCode: 1, stderr: 'level=fatal msg="colima is not running"\n' } });
    expect(showArtifact(v, parseShowTarget(v, A.colimaStatus.id, 'b'))).toEqual({ stdout: '', stderr: 'level=fatal msg="colima is not running"\n' });
  });

  it('exits 0 for evidence as the report cites it and 1 for an artifact without content', async () => {
    const bundle = `${FIXTURE_BUNDLES}/s2a-auth-expired.tar.gz`;
    const cited = await runCli(['show', bundle, 'files/gateway.err:15']);
    expect(cited.code, cited.stderr).toBe(0);
    expect(cited.stdout).toMatch(/^> 15 \| command-queue: prompt failed \{$/m);
    const empty = await runCli(['show', bundle, 'redis/mode']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^gwbundle: redis\/mode has no content in this bundle \(missing: .*\n$/);
    expect(empty.stdout).toBe('');
  });
});

/** Every artifact reference a Markdown report prints as code (`files/gateway.err:10`), before its collection notes. */
function markdownRefs(md: string): string[] {
  const evidence = md.split('\n## Collection notes')[0] ?? md;
  return [...evidence.matchAll(/`([a-z0-9][a-z0-9._-]*\/[a-z0-9._/-]+(?::\d+(?:-\d+)?)?)`/g)].map((m) => m[1]!);
}

interface Ev {
  artifact: string;
  line?: number;
}

/** Every evidence reference of a JSON report: findings, scenarios, patterns, timeline. */
function jsonRefs(json: string): string[] {
  const r = JSON.parse(json) as {
    layers: Array<{ findings: Array<{ evidence: Ev[] }> }>;
    scenarios: Array<{ evidence: Ev[] }>;
    patterns: Array<{ artifact: string; lastLine: number }>;
    timeline: Ev[];
  };
  const all: Ev[] = [
    ...r.layers.flatMap((l) => l.findings.flatMap((f) => f.evidence)),
    ...r.scenarios.flatMap((s) => s.evidence),
    ...r.patterns.map((p) => ({ artifact: p.artifact, line: p.lastLine })),
    ...r.timeline.filter((t) => t.artifact !== undefined),
  ];
  return all.map((e) => (e.line === undefined ? e.artifact : `${e.artifact}:${e.line}`));
}

describe.each(FIXTURE_NAMES.map((n) => [n]))('the evidence of the %s reports', (name) => {
  it('opens with gwbundle show, every reference as printed in Markdown and JSON', async () => {
    const f = await fixtureReports(name);
    const refs = [...new Set([...markdownRefs(f.markdown), ...jsonRefs(f.json)])];
    expect(refs.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const ref of refs) {
      const target = parseShowTarget(f.view, ref, name);
      const entry = f.view.entry(target.artifact)!;
      // A source that failed without output (Redis refused, cluster unreachable) is cited for its failure:
      // show says so in one line with the reason, and exits 1 (nothing to print). Never a missing or skipped one.
      if (f.view.text(target.artifact) === undefined) {
        if (target.lines || !['error', 'timeout'].includes(entry.status)) failures.push(`${ref}: cited, but ${entry.status} without content`);
        expect(() => showArtifact(f.view, target)).toThrow(new RegExp(`has no content in this bundle \\(${entry.status}: .+\\)`));
        continue;
      }
      const out = showArtifact(f.view, target).stdout;
      const line = target.lines?.from;
      if (line !== undefined && !new RegExp(`^> +${line} \\| `, 'm').test(out)) failures.push(`${ref}: line ${line} not marked`);
    }
    expect(failures).toEqual([]);
  });
});

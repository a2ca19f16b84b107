// Vendors gitleaks' default rules (MIT, https://github.com/gitleaks/gitleaks) as data, and its own true / false
// positive samples as a test corpus:
//   src/redact/gitleaks/rules.json     the rules of config/gitleaks.toml, regexes translated from Go RE2 to
//                                      JavaScript (src/redact/gitleaks/re2.ts), with the rules left out and why
//   src/redact/gitleaks/LICENSE        gitleaks' license, which the vendored data is under
//   test/redact/data/gitleaks-samples.json   per rule: the samples cmd/generate/config/rules/*.go validates the
//                                      rule with, the secret gitleaks would report for each true positive,
//                                      and which samples are drawn by its random generator rather than literal
// Run: npx tsx scripts/refresh-gitleaks.ts PATH   where PATH is a gitleaks checkout or a bare git directory of
// one (its HEAD is read). Review the diff of rules.json and the samples test before committing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { translateRe2, UnsupportedRegex, type TranslatedRegex } from '../src/redact/gitleaks/re2.js';
import { type GoString, prng, rulesOfFile, sampleTemplates } from './gitleaks/go-samples.js';

const root = process.argv[2];
if (!root) {
  console.error('usage: npx tsx scripts/refresh-gitleaks.ts PATH-TO-GITLEAKS (a checkout or a bare git dir)');
  process.exit(2);
}
const checkout = existsSync(join(root, 'config', 'gitleaks.toml'));
const git = (...args: string[]): string =>
  execFileSync('git', [checkout ? '-C' : '--git-dir', root, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const read = (path: string): string => (checkout ? readFileSync(join(root, path), 'utf8') : git('show', `HEAD:${path}`));
const list = (dir: string): string[] =>
  git('ls-tree', '--name-only', `HEAD:${dir}`).split('\n').filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).sort();

const commit = git('rev-parse', 'HEAD').trim();
const version = git('describe', '--tags', 'HEAD').trim();

// ------------------------------------------------------------------ rules

interface TomlAllowlist {
  description?: string;
  condition?: string;
  regexTarget?: string;
  regexes?: string[];
  stopwords?: string[];
  paths?: string[];
  commits?: string[];
}
interface TomlRule {
  id: string;
  description: string;
  regex?: string;
  secretGroup?: number;
  entropy?: number;
  keywords?: string[];
  path?: string;
  allowlists?: TomlAllowlist[];
}
interface TomlConfig {
  allowlist: TomlAllowlist;
  rules: TomlRule[];
}

/** Rules we leave out on purpose (besides those whose regex cannot be translated). */
const EXCLUDED: Record<string, string> = {
  'generic-api-key':
    "a secret-looking name followed by any 10+ chars: our name-based rules (secret-key-value, shell-assignment, json-secret-key) cover it with the gateway's key policy, which keeps evidence such as sessionKey=telegram:123456 readable",
};

/**
 * Keywords narrowed to a longer literal that every match of the rule's regex contains, so a rule does not run
 * around every occurrence of a common pair of letters. Each entry says why the literal is in every match.
 */
const KEYWORD_OVERRIDES: Record<string, { keywords: string[]; why: string }> = {
  jwt: { keywords: ['.ey'], why: 'the regex is ey...\\.ey...: every match has ".ey" (the payload starts eyJ)' },
};

interface OutAllowlist {
  target: 'secret' | 'match' | 'line';
  regexes: TranslatedRegex[];
  stopwords: string[];
}

/**
 * gitleaks' semi-generic rules open with `[\w.-]{0,50}?` before the identifier (cmd/generate/config/utils/
 * generate.go identifierPrefix): a lazy, possibly empty run that is never part of the secret. Dropping it keeps
 * every match's secret group and lets V8 search for the identifier literal instead of trying up to 50 chars at
 * every position (the rules ran about 50 times slower with it).
 */
const withoutIgnoredPrefix = (go: string): string => go.replaceAll('[\\w.-]{0,50}?', '');

const translateAll = (regexes: string[] | undefined): TranslatedRegex[] => (regexes ?? []).map((r) => translateRe2(r));

/** An allowlist as we apply it; null when it only restricts by path or commit, which an artifact has not. */
function allowlist(a: TomlAllowlist): OutAllowlist | null {
  const hasContent = (a.regexes?.length ?? 0) + (a.stopwords?.length ?? 0) > 0;
  if (!hasContent) return null;
  // condition AND with a path or commit can never hold for an artifact (it has neither)
  if (a.condition === 'AND' && ((a.paths?.length ?? 0) > 0 || (a.commits?.length ?? 0) > 0)) return null;
  const target = a.regexTarget === 'match' || a.regexTarget === 'line' ? a.regexTarget : 'secret';
  return { target, regexes: translateAll(a.regexes), stopwords: (a.stopwords ?? []).map((s) => s.toLowerCase()) };
}

const config = parse(read('config/gitleaks.toml')) as unknown as TomlConfig;
const rules: unknown[] = [];
const skipped: Array<{ id: string; reason: string }> = [];
const compiled = new Map<string, RegExp>();
for (const r of config.rules) {
  if (EXCLUDED[r.id]) {
    skipped.push({ id: r.id, reason: EXCLUDED[r.id] as string });
    continue;
  }
  if (r.path) {
    skipped.push({ id: r.id, reason: `gitleaks applies it only to files whose path matches ${r.path}; an artifact is no such file` });
    continue;
  }
  if (!r.regex) {
    skipped.push({ id: r.id, reason: 'no content regex' });
    continue;
  }
  try {
    const regex = translateRe2(withoutIgnoredPrefix(r.regex));
    const override = KEYWORD_OVERRIDES[r.id];
    const lists = (r.allowlists ?? []).map(allowlist).filter((a): a is OutAllowlist => a !== null);
    rules.push({
      id: r.id,
      description: r.description,
      go: r.regex,
      regex,
      keywords: override?.keywords ?? (r.keywords ?? []).map((k) => k.toLowerCase()),
      ...(override ? { keywordsWhy: override.why } : {}),
      ...(r.secretGroup ? { secretGroup: r.secretGroup } : {}),
      ...(r.entropy ? { entropy: r.entropy } : {}),
      ...(lists.length ? { allowlists: lists } : {}),
    });
    compiled.set(r.id, new RegExp(regex.source, `${regex.flags}gd`));
  } catch (e) {
    if (!(e instanceof UnsupportedRegex)) throw e;
    skipped.push({ id: r.id, reason: `regex cannot be compiled to JavaScript: ${e.message}` });
  }
}

const global = allowlist(config.allowlist);
const data = {
  source: {
    repository: 'https://github.com/gitleaks/gitleaks',
    version,
    commit,
    file: 'config/gitleaks.toml',
    license: 'MIT (src/redact/gitleaks/LICENSE)',
    refreshedBy: 'scripts/refresh-gitleaks.ts',
  },
  global,
  rules,
  skipped,
};
writeFileSync('src/redact/gitleaks/rules.json', `${JSON.stringify(data, null, 1)}\n`);
writeFileSync(
  'src/redact/gitleaks/LICENSE',
  `The data in rules.json is derived from gitleaks ${version} (${commit}), config/gitleaks.toml,\nhttps://github.com/gitleaks/gitleaks, under this license:\n\n${read('LICENSE')}`,
);

// ------------------------------------------------------------------ samples

/** The secret gitleaks reports for a match: the secretGroup, or the first non-empty capture group, or the match. */
function secretOf(re: RegExp, sample: string, secretGroup?: number): string | undefined {
  re.lastIndex = 0;
  const m = re.exec(sample);
  if (!m) return undefined;
  if (secretGroup) return m[secretGroup];
  return m.slice(1).find((g) => g !== undefined && g.length > 0) ?? m[0].replace(/^\n+|\n+$/g, '');
}

const PLACEHOLDER = /x{4,}|\*{3,}|#{4,}|example|your[_-]|<[A-Za-z_ -]+>|changeme|placeholder|redacted|dummy|^[^:=]*[:=]\s*["']?["']?$/i;
const REFERENCE = /\$\{|\$\(|\$[A-Za-z_]|\{\{|%[A-Za-z_]+%|ENC\[/;
const fpKind = (s: string): 'reference' | 'placeholder' | 'other' =>
  REFERENCE.test(s) ? 'reference' : PLACEHOLDER.test(s) ? 'placeholder' : 'other';

const SEED = 11;
const env = { sampleTemplates: sampleTemplates(read('cmd/generate/config/utils/generate.go')), random: prng(SEED) };
const byRule: Record<string, unknown> = {};
const notes: string[] = [];
const noLiteral: string[] = [];
for (const file of list('cmd/generate/config/rules')) {
  for (const fn of rulesOfFile(read(`cmd/generate/config/rules/${file}`), env)) {
    if (!config.rules.some((r) => r.id === fn.ruleId)) {
      notes.push(`${fn.ruleId} (${file} ${fn.fn}): not in config/gitleaks.toml (not registered by cmd/generate/config/main.go)`);
      continue;
    }
    const re = compiled.get(fn.ruleId);
    const rule = config.rules.find((r) => r.id === fn.ruleId);
    for (const s of fn.skipped) notes.push(`${fn.ruleId} (${file} ${fn.fn}): not evaluated: ${s}`);
    const tps = fn.tps.map((t: GoString) => {
      const secret = re ? secretOf(re, t.s, rule?.secretGroup) : undefined;
      return { sample: t.s, ...(secret === undefined ? {} : { secret }), ...(t.generated ? { generated: true } : {}) };
    });
    const fps = fn.fps.map((f) => ({ sample: f.s, kind: fpKind(f.s), ...(f.generated ? { generated: true } : {}) }));
    if (tps.length > 0 && tps.every((t) => 'generated' in t)) noLiteral.push(fn.ruleId);
    if (tps.length === 0) notes.push(`${fn.ruleId}: no true positive sample in ${file}`);
    const prev = byRule[fn.ruleId] as { tps: unknown[]; fps: unknown[] } | undefined;
    byRule[fn.ruleId] = prev ? { tps: [...prev.tps, ...tps], fps: [...prev.fps, ...fps] } : { tps, fps };
  }
}
writeFileSync(
  'test/redact/data/gitleaks-samples.json',
  `${JSON.stringify(
    {
      source: { repository: 'https://github.com/gitleaks/gitleaks', version, commit, files: 'cmd/generate/config/rules/*.go', seed: SEED },
      noLiteralTruePositives: noLiteral.sort(),
      notes,
      rules: byRule,
    },
    null,
    1,
  )}\n`,
);
console.log(
  `gitleaks ${version}: ${rules.length} rules vendored, ${skipped.length} left out; samples for ${Object.keys(byRule).length} rules (${noLiteral.length} with generated true positives only), ${notes.length} notes`,
);

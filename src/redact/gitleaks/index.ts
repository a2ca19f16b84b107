import { isLiteralValue, shannonEntropy } from '../values.js';
import type { SecretRange, TextRule } from '../types.js';
import data from './rules.json' with { type: 'json' };

// gitleaks' default rules, vendored as data (rules.json, MIT: see LICENSE beside it; refreshed by
// scripts/refresh-gitleaks.ts, which translates the Go regexes). Each becomes a keyword-gated text rule named
// `gitleaks/<id>` that does what gitleaks' detector does with a match (detect/detect.go): the secret is the
// rule's secretGroup or its first non-empty capture group, a secret at or below the rule's entropy is
// dropped, and the global and per-rule allowlists (regexes on the secret, the match or the line; stopwords in
// the secret) let it go. Path and commit allowlists do not apply: an artifact has neither. A detector may
// report a token's known head only (aws-amazon-bedrock-api-key-short-lived matches a fixed prefix); to redact
// it, a secret that a token character follows is extended to the end of that run of token characters.

interface JsonRegex {
  source: string;
  flags: string;
}
interface JsonAllowlist {
  target: 'secret' | 'match' | 'line';
  regexes: JsonRegex[];
  stopwords: string[];
}
interface JsonRule {
  id: string;
  description: string;
  go: string;
  regex: JsonRegex;
  keywords: string[];
  secretGroup?: number;
  entropy?: number;
  allowlists?: JsonAllowlist[];
}
/** The shape of rules.json. */
export interface GitleaksData {
  source: { repository: string; version: string; commit: string };
  global: JsonAllowlist;
  rules: JsonRule[];
  skipped: Array<{ id: string; reason: string }>;
}

export const GITLEAKS = data as unknown as GitleaksData;

interface Allowlist {
  target: 'secret' | 'match' | 'line';
  regexes: RegExp[];
  stopwords: string[];
}

const compileList = (a: JsonAllowlist): Allowlist => ({
  target: a.target,
  regexes: a.regexes.map((r) => new RegExp(r.source, r.flags)),
  stopwords: a.stopwords,
});

const GLOBAL = compileList(GITLEAKS.global);
const TOKEN_CHAR = /[A-Za-z0-9+\/=_-]/;

/** The line(s) of `text` around [start, end). */
function linesAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return text.slice(from, to < 0 ? text.length : to);
}

function allowed(lists: readonly Allowlist[], secret: string, match: string, line: () => string): boolean {
  for (const a of lists) {
    const target = a.target === 'secret' ? secret : a.target === 'match' ? match : line();
    if (a.regexes.some((re) => re.test(target))) return true;
    if (a.stopwords.length > 0) {
      const lower = secret.toLowerCase();
      if (a.stopwords.some((w) => lower.includes(w))) return true;
    }
  }
  return false;
}

/** One vendored rule as a text rule. */
export function gitleaksRule(rule: JsonRule): TextRule {
  const re = new RegExp(rule.regex.source, `${rule.regex.flags}gd`);
  const lists = [GLOBAL, ...(rule.allowlists ?? []).map(compileList)];
  const find = (text: string): SecretRange[] => {
    const out: SecretRange[] = [];
    for (const m of text.matchAll(re)) {
      const indices = m.indices;
      if (!indices) continue;
      let g = rule.secretGroup ?? 0;
      if (!rule.secretGroup) for (let k = 1; k < m.length && g === 0; k++) if (m[k]) g = k;
      const at = indices[g];
      if (!at) continue;
      let [start, end] = at;
      if (g === 0) {
        // gitleaks trims newlines off a whole-match secret (detect.go: strings.Trim(match, "\n"))
        while (start < end && text[start] === '\n') start++;
        while (end > start && text[end - 1] === '\n') end--;
      }
      while (end < text.length && TOKEN_CHAR.test(text[end] as string)) end++;
      const secret = text.slice(start, end);
      if (secret.length === 0) continue;
      if (rule.entropy && shannonEntropy(secret) <= rule.entropy) continue;
      if (!isLiteralValue(secret)) continue;
      if (allowed(lists, secret, m[0], () => linesAround(text, m.index, m.index + m[0].length))) continue;
      out.push({ start, end });
    }
    return out;
  };
  return { id: `gitleaks/${rule.id}`, keywords: rule.keywords, find };
}

/** Every vendored rule, in rules.json order. */
export const GITLEAKS_RULES: readonly TextRule[] = GITLEAKS.rules.map(gitleaksRule);

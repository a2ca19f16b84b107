import type { RedactionRule } from './types.js';

// The catalog's own lint, in the spirit of eslint's rule-file checks: every rule proves itself with at least
// one caught case and one near miss, ids are unique and the index stays alphabetical. Each problem names the
// file to edit.

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Problems of a catalog, one readable line each; empty when it is sound. */
export function catalogProblems(rules: readonly RedactionRule[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const file = `src/redact/rules/${rule.id}.ts`;
    if (!ID_RE.test(rule.id)) problems.push(`${file}: id "${rule.id}" is not kebab-case`);
    if (seen.has(rule.id)) problems.push(`${file}: duplicate id "${rule.id}"`);
    seen.add(rule.id);
    if (rule.cases.caught.length === 0) problems.push(`${file}: no caught case`);
    if (rule.cases.nearMisses.length === 0) problems.push(`${file}: no near miss`);
    if (rule.description.trim() === '') problems.push(`${file}: empty description`);
    const prev = rules[i - 1];
    if (prev && prev.id.localeCompare(rule.id) > 0) {
      problems.push(`src/redact/rules/index.ts: "${rule.id}" comes after "${prev.id}"; keep the list alphabetical`);
    }
  });
  return problems;
}

import { describe, expect, it } from 'vitest';
import { catalogProblems } from '../../src/redact/catalog-check.js';
import { createRuleRedactor } from '../../src/redact/redactor.js';
import { RULES } from '../../src/redact/rules/index.js';
import type { RedactionRule } from '../../src/redact/types.js';
import { caseArtifact, recoverSecrets, SALT } from './helpers.js';

const full = createRuleRedactor({ salt: SALT });

describe.each(RULES.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  const alone = createRuleRedactor({ salt: SALT, rules: [rule], gitleaks: [] });

  it.each(rule.cases.caught)('replaces the secret of a caught case with a marker naming the rule: %j', async (input) => {
    const { text, counts } = await alone.redactArtifact(caseArtifact(rule, input));
    const recovered = recoverSecrets(input, text);
    expect(recovered, `output does not align with input: ${text}`).not.toBeNull();
    expect(recovered?.length).toBeGreaterThan(0);
    for (const r of recovered ?? []) {
      expect(r.ruleId).toBe(rule.id);
      expect(r.hmacMatches).toBe(true);
      expect(text).not.toContain(r.value);
    }
    expect(counts[rule.id]).toBe(recovered?.length);
  });

  it.each(rule.cases.nearMisses)('leaves a near miss unchanged under the whole catalog and the gitleaks rules: %j', async (input) => {
    const { text, counts } = await full.redactArtifact(caseArtifact(rule, input));
    expect(text).toBe(input);
    expect(counts).toEqual({});
  });
});

describe('the catalog', () => {
  it('is sound: unique kebab ids, alphabetical, every rule with a caught case and a near miss', () => {
    expect(catalogProblems(RULES)).toEqual([]);
  });

  const base = RULES[0] as RedactionRule;
  const variant = (id: string, cases = base.cases): RedactionRule => ({ ...base, id, cases });

  it('refuses a rule with no caught case or no near miss', () => {
    const problems = catalogProblems([variant('a-rule', { caught: [], nearMisses: ['x'] }), variant('b-rule', { caught: ['x'], nearMisses: [] })]);
    expect(problems).toEqual([
      'src/redact/rules/a-rule.ts: no caught case',
      'src/redact/rules/b-rule.ts: no near miss',
    ]);
  });

  it('refuses duplicate ids and an index that is not alphabetical', () => {
    expect(catalogProblems([variant('same'), variant('same')])).toContain('src/redact/rules/same.ts: duplicate id "same"');
    expect(catalogProblems([variant('zeta'), variant('alpha')])).toEqual([
      'src/redact/rules/index.ts: "alpha" comes after "zeta"; keep the list alphabetical',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { GITLEAKS, GITLEAKS_RULES } from '../../src/redact/gitleaks/index.js';
import { createRedactor } from '../../src/redact/index.js';
import type { TextRule } from '../../src/redact/types.js';
import { isPlaceholder } from '../../src/redact/values.js';
import { SALT } from './helpers.js';
import { bareContexts, CORPUS, leftOf, type TruePositive, VENDORED } from './gitleaks-corpus.js';

// One test per vendored gitleaks rule, from gitleaks' own samples (cmd/generate/config/rules/*.go, evaluated by
// scripts/refresh-gitleaks.ts): every true positive loses its secret in place (no 12-char window of it left),
// and, where the format is recognisable on its own (the rule's regex matches the secret alone and the secret
// holds one of the rule's keywords, as gitleaks needs), also bare in a log line, in a transcript tool result
// and on a ps command line. False positives are not flagged by the rule; the placeholder and reference ones
// come out unchanged under the whole redactor.

const redactor = createRedactor({ salt: SALT });
const ruleOf = (id: string): TextRule => GITLEAKS_RULES.find((r) => r.id === `gitleaks/${id}`) as TextRule;

/** A sample our placeholder policy leaves on purpose (gitleaks counts AWS's documented ...EXAMPLE key). */
const placeholderSecret = (tp: TruePositive): boolean => isPlaceholder(tp.secret ?? '');

/** Whether gitleaks would find the secret with nothing around it. */
export function recognisableBare(rule: TextRule, secret: string): boolean {
  const lower = secret.toLowerCase();
  return (rule.keywords ?? []).some((k) => lower.includes(k)) && rule.find(` ${secret} `).length > 0;
}

describe('the vendored gitleaks data', () => {
  it('names its source, pins a commit and says why each left-out rule is left out', () => {
    expect(GITLEAKS.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(GITLEAKS.source.version).toMatch(/^v8\./);
    expect(GITLEAKS.rules.length).toBeGreaterThan(200);
    for (const s of GITLEAKS.skipped) expect(s.reason.length, s.id).toBeGreaterThan(20);
  });

  it('has gitleaks samples for every vendored rule but the ones the corpus lists as unevaluated', () => {
    const without = VENDORED.filter((id) => (CORPUS.rules[id]?.tps.length ?? 0) === 0);
    for (const id of without) expect(CORPUS.notes.some((n) => n.startsWith(id)), `${id} has no samples and no note`).toBe(true);
    expect(without.length).toBeLessThanOrEqual(3);
  });

  it('has every true positive matched by its translated regex (the translation keeps the rule)', () => {
    const unmatched = VENDORED.flatMap((id) => (CORPUS.rules[id]?.tps ?? []).filter((t) => t.secret === undefined).map((t) => `${id}: ${t.sample}`));
    expect(unmatched).toEqual([]);
  });
});

describe.each(VENDORED.filter((id) => (CORPUS.rules[id]?.tps.length ?? 0) > 0))('gitleaks rule %s', (id) => {
  const { tps, fps } = CORPUS.rules[id] ?? { tps: [], fps: [] };
  const rule = ruleOf(id);

  it('redacts the secret of every true positive sample in place, wholly', async () => {
    const leaks: string[] = [];
    for (const tp of tps) {
      if (!tp.secret || placeholderSecret(tp)) continue;
      const { text } = await redactor.redactArtifact({ ...A.gatewayErrLog, text: tp.sample });
      const left = leftOf(tp.secret, text);
      if (left) leaks.push(`${JSON.stringify(tp.sample)} -> ${JSON.stringify(text)}`);
    }
    expect(leaks).toEqual([]);
  });

  const bare = [...new Set(tps.filter((t) => t.secret && !placeholderSecret(t)).map((t) => t.secret as string))].filter((s) =>
    recognisableBare(rule, s),
  );
  // no bare test where gitleaks' samples hold no secret recognisable alone (its regex needs a name before it)
  if (bare.length > 0) {
    it('redacts every secret recognisable on its own bare in a log line, a transcript string, escaped JSON in a log and a ps line', async () => {
      const leaks: string[] = [];
      for (const secret of bare) {
        for (const { where, artifact } of bareContexts(secret)) {
          const { text } = await redactor.redactArtifact(artifact);
          if (leftOf(secret, text)) leaks.push(`${where}: ${text}`);
        }
      }
      expect(leaks).toEqual([]);
    });
  }

  if (fps.length > 0) {
    it('does not flag its false positive samples, and leaves the placeholders and references unchanged', async () => {
      for (const fp of fps) {
        const { text, counts } = await redactor.redactArtifact({ ...A.gatewayErrLog, text: fp.sample });
        expect(counts[rule.id], `${rule.id} flagged ${JSON.stringify(fp.sample)}`).toBeUndefined();
        if (fp.kind !== 'other') expect(text, `${fp.kind} changed`).toBe(fp.sample);
      }
    });
  }
});

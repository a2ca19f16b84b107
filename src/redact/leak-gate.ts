import { applyRanges, type RedactionState } from './engine.js';
import { GITLEAKS, GITLEAKS_RULES } from './gitleaks/index.js';
import { type TextPlan, textPlan } from './plan.js';
import { RULES } from './rules/index.js';
import { textRanges } from './text-pass.js';
import type { TextRule } from './types.js';

// Fail closed: after redaction and before packing, every artifact's bytes get one last scan with the
// high-confidence token rules, the formats recognisable on their own (our token detectors and gitleaks' rules
// that need no name before the token), over the raw text: a token the content-type pass could not see (a JSON
// key, an escape it did not decode) is redacted here and counted as `leak-gate`. On the fixture bundles the
// count is 0 (test/redact/leak-gate.test.ts); a non-zero count in a manifest is a redaction bug to report.

export const LEAK_GATE_RULE = 'leak-gate';

/** gitleaks rules whose regex needs an identifier before the secret (a name and an assignment operator). */
const NEEDS_A_NAME = (go: string): boolean => go.includes(':{1,3}=') || go.includes('curl');

const tokenRules = (): TextRule[] => {
  const ours = RULES.filter((r) => r.kind === 'detector' && r.scope === 'text');
  const named = new Set(GITLEAKS.rules.filter((r) => NEEDS_A_NAME(r.go)).map((r) => `gitleaks/${r.id}`));
  return [...ours, ...GITLEAKS_RULES.filter((r) => !named.has(r.id))];
};

let plan: TextPlan | undefined;

/** The gate's text plan: token formats only, no name-based rule. */
export const leakGatePlan = (): TextPlan => (plan ??= textPlan([], tokenRules()));

/** Redact what the token rules still find in `text`, every replacement named and counted as `leak-gate`. */
export function leakGate(text: string, state: RedactionState): { text: string; count: number } {
  const ranges = textRanges(text, leakGatePlan()).map((r) => ({ ...r, ruleId: LEAK_GATE_RULE }));
  if (ranges.length === 0) return { text, count: 0 };
  const before = state.counts[LEAK_GATE_RULE] ?? 0;
  const out = applyRanges(text, ranges, state);
  return { text: out, count: (state.counts[LEAK_GATE_RULE] ?? 0) - before };
}

import { applyRanges, applyRule, type RedactionState } from './engine.js';
import type { TextPlan } from './plan.js';
import { secretlintRanges } from './secretlint.js';

// The pass every text goes through (whole logs, decoded JSON strings, stderr, argv, URLs): the text rules of
// the plan around one secretlint pass. Regexes run on the whole string; the rules avoid nested quantifiers.

/** Redact `text` with the plan's text rules and secretlint. */
export async function textPass(text: string, plan: TextPlan, state: RedactionState): Promise<string> {
  let out = text;
  for (const rule of plan.beforeSecretlint) out = applyRule(out, rule, state);
  if (plan.secretlint && out.length > 0) out = applyRanges(out, await secretlintRanges(out), state);
  for (const rule of plan.afterSecretlint) out = applyRule(out, rule, state);
  return out;
}

import { randomBytes } from 'node:crypto';
import { applyRanges, type RedactionState, type RuleRange } from './engine.js';
import { finishJson, type JsonPlan, planJson } from './json-doc.js';
import { tryParse } from './json-scan.js';
import { leakGate } from './leak-gate.js';
import { MarkerMaker } from './marker.js';
import { rulesOfScope, shapeScope, textPlan } from './plan.js';
import { RULES } from './rules/index.js';
import { TextBatch } from './text-batch.js';
import { textRanges } from './text-pass.js';
import type { ArtifactText, RedactionResult, RedactionRule, RuleScope, TextRule } from './types.js';

// The redactor proper, over any catalog (tests run one rule alone through it). src/redact/index.ts is the
// public face with the full catalog. Content-type dispatch: JSON and JSONL are redacted token by token (a
// JSONL line that does not parse still goes through the text rules: fail closed); a plist, the start script
// and `launchctl print` get their structural rule beside the text rules; every text gets the text rules.

/** What the collector calls. */
export interface Redactor {
  redactArtifact(a: ArtifactText): Promise<RedactionResult>;
  /** stderr, argv elements, URLs in options: the text rules only. */
  redactString(s: string): Promise<RedactionResult>;
  /** The last scan of a redacted artifact before packing (src/redact/leak-gate.ts): what it still finds, redacted. */
  leakGate(text: string): { text: string; count: number };
}

/** Options of the catalog-level redactor. */
export interface RuleRedactorOptions {
  salt?: Buffer;
  rules?: readonly RedactionRule[];
  /** The vendored gitleaks rules (all by default; [] to test a catalog rule alone). */
  gitleaks?: readonly TextRule[];
}

/** A redactor over `rules` (the whole catalog by default). */
export function createRuleRedactor(opts: RuleRedactorOptions = {}): Redactor {
  const rules = opts.rules ?? RULES;
  const markers = new MarkerMaker(opts.salt ?? randomBytes(32));
  const plan = textPlan(rules, opts.gitleaks);
  const newState = (): RedactionState => ({ markers, counts: {} });

  /** Every rule that applies to a text of this shape, run on the same text, their ranges merged. */
  const redactText = (text: string, scope: RuleScope | null, state: RedactionState): string => {
    const ranges: RuleRange[] = textRanges(text, plan);
    if (scope !== null) {
      for (const rule of rulesOfScope(scope, rules)) for (const r of rule.find(text)) ranges.push({ ...r, ruleId: rule.id, rank: -1 });
    }
    return applyRanges(text, ranges, state);
  };

  const redactJson = (text: string, jsonl: boolean, state: RedactionState): string => {
    const batch = new TextBatch();
    const pieces = jsonl ? text.split('\n') : [text];
    const plans: Array<JsonPlan | number | null> = pieces.map((piece) => {
      if (jsonl && piece.trim() === '') return null;
      const parsed = tryParse(piece);
      // not JSON: the whole piece goes through the text rules (fail closed)
      return parsed ? planJson(piece, parsed.value, batch, state) : batch.add(piece);
    });
    const results = batch.run((doc) => redactText(doc, null, state));
    return plans
      .map((p, i) => (p === null ? pieces[i] : typeof p === 'number' ? results[p] : finishJson(p, results)))
      .join('\n');
  };

  return {
    async redactArtifact(a) {
      if (typeof a.text !== 'string') throw new TypeError(`redaction of ${a.id}: text must be a string, got ${typeof a.text}`);
      const state = newState();
      const scope = shapeScope(a);
      const text =
        scope === 'json' && rules.some((r) => r.scope === 'json')
          ? redactJson(a.text, a.contentType === 'jsonl', state)
          : redactText(a.text, scope === 'json' ? null : scope, state);
      return { text, counts: state.counts };
    },
    async redactString(s) {
      if (typeof s !== 'string') throw new TypeError(`redactString: expected a string, got ${typeof s}`);
      const state = newState();
      return { text: redactText(s, null, state), counts: state.counts };
    },
    leakGate: (text) => leakGate(text, newState()),
  };
}

import { randomBytes } from 'node:crypto';
import { applyRule, type RedactionState } from './engine.js';
import { finishJson, type JsonPlan, planJson } from './json-doc.js';
import { tryParse } from './json-scan.js';
import { MarkerMaker } from './marker.js';
import { rulesOfScope, shapeScope, textPlan } from './plan.js';
import { RULES } from './rules/index.js';
import { TextBatch } from './text-batch.js';
import { textPass } from './text-pass.js';
import type { ArtifactText, RedactionResult, RedactionRule } from './types.js';

// The redactor proper, over any catalog (tests run one rule alone through it). src/redact/index.ts is the
// public face with the full catalog. Content-type dispatch: plist and start script get their structural rule
// first; JSON and JSONL are redacted token by token (a JSONL line that does not parse still goes through the
// text rules: fail closed); everything then gets the text pass.

/** What the collector calls. */
export interface Redactor {
  redactArtifact(a: ArtifactText): Promise<RedactionResult>;
  /** stderr, argv elements, URLs in options: the text rules only. */
  redactString(s: string): Promise<RedactionResult>;
}

/** Options of the catalog-level redactor. */
export interface RuleRedactorOptions {
  salt?: Buffer;
  rules?: readonly RedactionRule[];
  /** Run secretlint's preset (on by default). */
  secretlint?: boolean;
}

/** A redactor over `rules` (the whole catalog by default). */
export function createRuleRedactor(opts: RuleRedactorOptions = {}): Redactor {
  const rules = opts.rules ?? RULES;
  const markers = new MarkerMaker(opts.salt ?? randomBytes(32));
  const plan = textPlan(rules, opts.secretlint ?? true);
  const newState = (): RedactionState => ({ markers, counts: {} });

  const redactJson = async (text: string, jsonl: boolean, state: RedactionState): Promise<string> => {
    const batch = new TextBatch();
    const pieces = jsonl ? text.split('\n') : [text];
    const plans: Array<JsonPlan | number | null> = pieces.map((piece) => {
      if (jsonl && piece.trim() === '') return null;
      const parsed = tryParse(piece);
      // not JSON: the whole piece goes through the text rules (fail closed)
      return parsed ? planJson(piece, parsed.value, batch, state) : batch.add(piece);
    });
    const results = await batch.run((doc) => textPass(doc, plan, state));
    return plans
      .map((p, i) => (p === null ? pieces[i] : typeof p === 'number' ? results[p] : finishJson(p, results)))
      .join('\n');
  };

  return {
    async redactArtifact(a) {
      if (typeof a.text !== 'string') throw new TypeError(`redaction of ${a.id}: text must be a string, got ${typeof a.text}`);
      const state = newState();
      const scope = shapeScope(a);
      let text = a.text;
      if (scope === 'json' && rules.some((r) => r.scope === 'json')) {
        text = await redactJson(text, a.contentType === 'jsonl', state);
        return { text, counts: state.counts };
      }
      if (scope !== null) for (const rule of rulesOfScope(scope, rules)) text = applyRule(text, rule, state);
      text = await textPass(text, plan, state);
      return { text, counts: state.counts };
    },
    async redactString(s) {
      if (typeof s !== 'string') throw new TypeError(`redactString: expected a string, got ${typeof s}`);
      const state = newState();
      return { text: await textPass(s, plan, state), counts: state.counts };
    },
  };
}

import { A } from '../bundle/artifacts.js';
import { GITLEAKS_RULES } from './gitleaks/index.js';
import { KeywordScanner } from './keywords.js';
import { RULES } from './rules/index.js';
import type { ArtifactText, RedactionRule, RuleScope, TextRule } from './types.js';

// Which rules run on an artifact, and which names a merged span. The structural rules of the artifact's shape
// (plist env dict, start-script literals, launchctl env, JSON keys) come first; then on every text PEM blocks
// and URL passwords, our own token detectors, the vendored gitleaks rules, and last the name-based text rules.
// All of them read the same text and their ranges are merged (src/redact/engine.ts); the order only decides
// which rule a marker names: formats go before names, so a marker says what the secret was (anthropic-key
// rather than shell-assignment).

const RUN_FIRST = ['pem-private-key', 'url-credentials'];

/** The text rules in rank order, and the keyword prefilter over all of their keywords. */
export interface TextPlan {
  rules: readonly TextRule[];
  scanner: KeywordScanner;
  /** Per keyword index of the scanner: the rule indices it wakes. */
  rulesOfKeyword: readonly number[][];
  /** Rule indices without keywords: they read every text. */
  unkeyed: readonly number[];
}

/** The text plan for a catalog (the full one, plus gitleaks' rules, by default). */
export function textPlan(rules: readonly RedactionRule[] = RULES, gitleaks: readonly TextRule[] = GITLEAKS_RULES): TextPlan {
  const text = rules.filter((r) => r.scope === 'text');
  const first = RUN_FIRST.flatMap((id) => text.filter((r) => r.id === id));
  const rest = text.filter((r) => !RUN_FIRST.includes(r.id));
  const ordered: TextRule[] = [
    ...first,
    ...rest.filter((r) => r.kind === 'detector'),
    ...gitleaks,
    ...rest.filter((r) => r.kind === 'structural'),
  ];
  const keywords: string[] = [];
  const index = new Map<string, number>();
  const rulesOfKeyword: number[][] = [];
  const unkeyed: number[] = [];
  ordered.forEach((rule, ri) => {
    if (!rule.keywords || rule.keywords.length === 0) {
      unkeyed.push(ri);
      return;
    }
    for (const k of new Set(rule.keywords)) {
      let ki = index.get(k);
      if (ki === undefined) {
        ki = keywords.length;
        index.set(k, ki);
        keywords.push(k);
        rulesOfKeyword.push([]);
      }
      (rulesOfKeyword[ki] as number[]).push(ri);
    }
  });
  return { rules: ordered, scanner: new KeywordScanner(keywords), rulesOfKeyword, unkeyed };
}

/** The shape-specific scope of an artifact, if any: a plist, the start script, `launchctl print`, JSON documents. */
export function shapeScope(a: Pick<ArtifactText, 'id' | 'contentType'>): RuleScope | null {
  if (a.id === A.startScript.id) return 'start-script';
  if (a.id.endsWith('.plist')) return 'plist';
  if (a.id === A.launchctlPrintGui.id || a.id === A.launchctlPrintSystem.id) return 'launchctl-print';
  if (a.contentType === 'json' || a.contentType === 'jsonl') return 'json';
  return null;
}

/** The catalog's rules of one scope. */
export const rulesOfScope = (scope: RuleScope, rules: readonly RedactionRule[] = RULES): RedactionRule[] =>
  rules.filter((r) => r.scope === scope);

import { A } from '../bundle/artifacts.js';
import { RULES } from './rules/index.js';
import type { ArtifactText, RedactionRule, RuleScope } from './types.js';

// Which rules run on an artifact, and in what order. Structural rules of the artifact's shape first (plist
// env dict, start-script literals, JSON keys), then on every text: PEM blocks (whole, before anything can cut
// into one) and URL passwords (before secretlint's basicauth, which would take the whole URL, host included),
// secretlint's preset, our detectors for what it misses, and last the name-based text rules. Formats go
// before names so a marker says what the secret was (anthropic-key rather than shell-assignment).

const RUN_FIRST = ['pem-private-key', 'url-credentials'];

/** Rules that run on every text, split around the secretlint pass. */
export interface TextPlan {
  beforeSecretlint: readonly RedactionRule[];
  afterSecretlint: readonly RedactionRule[];
  secretlint: boolean;
}

/** The text plan for a catalog (the full one by default). */
export function textPlan(rules: readonly RedactionRule[] = RULES, secretlint = true): TextPlan {
  const text = rules.filter((r) => r.scope === 'text');
  const first = RUN_FIRST.flatMap((id) => text.filter((r) => r.id === id));
  const rest = text.filter((r) => !RUN_FIRST.includes(r.id));
  const detectors = rest.filter((r) => r.kind === 'detector');
  const byName = rest.filter((r) => r.kind === 'structural');
  return { beforeSecretlint: first, afterSecretlint: [...detectors, ...byName], secretlint };
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

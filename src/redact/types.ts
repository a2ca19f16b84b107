import type { ArtifactKind, ContentType } from '../bundle/artifacts.js';

// The uniform shape of every redaction rule in src/redact/rules/. A rule only finds ranges; the engine
// (src/redact/engine.ts) turns them into markers, so marker format, counting and idempotence live in one place.

/** structural = knows the shape of a format (plist, shell, JSON); detector = a token format found anywhere. */
export type RuleKind = 'structural' | 'detector';

/**
 * Where a rule runs. `text` rules run on every text, decoded JSON strings included; the others only on the
 * artifacts of that shape (see src/redact/plan.ts).
 */
export type RuleScope = 'plist' | 'start-script' | 'launchctl-print' | 'json' | 'text';

/** A secret value's place in a text; `quote` wraps the marker in quotes (a bare JSON number under a secret key). */
export interface SecretRange {
  start: number;
  end: number;
  quote?: boolean;
}

/** Examples that are the rule's own tests: every `caught` must lose its secret, every near miss must stay. */
export interface RuleCases {
  caught: string[];
  nearMisses: string[];
}

/** What the text pass runs: a catalog rule, or one of the vendored gitleaks rules (src/redact/gitleaks/). */
export interface TextRule {
  id: string;
  /**
   * Lower-case literals (matched case-insensitively) one of which every match contains: the rule then runs
   * only on the lines around an occurrence (src/redact/text-pass.ts). Without keywords it reads every text.
   */
  keywords?: readonly string[];
  /** How many chars past its keyword a match may reach, when more than the next few lines (a PEM block). */
  reach?: number;
  /** Every match lies on the line of its keyword: the rule's window is that line alone. */
  sameLine?: boolean;
  /**
   * The rule matches `\n` / `\r` / `\t` escapes itself (a PEM body in a logged string). Other rules see each
   * such escape as two blanks, so a token right after one still starts at a word boundary.
   */
  readsEscapes?: boolean;
  /** Ranges of secret values in `text`; overlapping ranges of all rules are merged by the engine. */
  find(text: string): SecretRange[];
}

/** One catalog entry: src/redact/rules/<id>.ts default-exports this. */
export interface RedactionRule extends TextRule {
  description: string;
  kind: RuleKind;
  scope: RuleScope;
  cases: RuleCases;
}

/** What the redactor is told about an artifact. */
export interface ArtifactText {
  id: string;
  kind: ArtifactKind;
  contentType: ContentType;
  text: string;
}

/** The redacted text and how many values each rule replaced (never the values). */
export interface RedactionResult {
  text: string;
  counts: Record<string, number>;
}

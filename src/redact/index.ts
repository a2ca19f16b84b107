import { createHash } from 'node:crypto';
import { createRuleRedactor, type Redactor } from './redactor.js';

// Redaction is on by default because bundles are attached to public GitHub issues. Every secret becomes
// `[REDACTED:<rule-id>:<6 hex of HMAC-SHA256(salt, value)>]`: the same value gives the same marker within one
// bundle (the token in the plist and the one in the err log can be matched), the rule says what kind of
// secret it was, and the salt is never stored, so nobody can confirm a guessed value from the bundle.

export type { Redactor } from './redactor.js';
export type { RedactionResult } from './types.js';
export { LEAK_GATE_RULE } from './leak-gate.js';
export { RULES } from './rules/index.js';

/** One redactor per bundle; `salt` defaults to 32 random bytes (never stored). */
export function createRedactor(opts: { salt?: Buffer } = {}): Redactor {
  return createRuleRedactor({ salt: opts.salt });
}

/**
 * A salt derived from SOURCE_DATE_EPOCH, for reproducible bundles: the same machine gives the same markers
 * and so the same bytes. Trade-off: SOURCE_DATE_EPOCH is the capture time written in the manifest, so anyone
 * holding the bundle can recompute this salt and test guesses of low-entropy values (a numeric user id, a
 * short password) against the 24-bit marker. Pass `extra` (a local secret that is not in the bundle, e.g. the
 * contents of a file only the operator has) to keep reproducibility without that exposure.
 */
export function reproducibleSalt(sourceDateEpoch: string, extra?: string): Buffer {
  return createHash('sha256').update(`gwbundle-redaction-salt\u0000${sourceDateEpoch}\u0000${extra ?? ''}`).digest();
}

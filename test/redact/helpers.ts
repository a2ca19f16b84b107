import { createHmac } from 'node:crypto';
import { A } from '../../src/bundle/artifacts.js';
import type { ArtifactText, RedactionRule } from '../../src/redact/types.js';

// Shared by the redaction tests: a fixed salt, the artifact a rule's cases are run as, and the inverse of
// redaction (which value each marker replaced), checked against the marker's HMAC.

export const SALT = Buffer.alloc(32, 7);

/** The artifact a case of `rule` is redacted as: its scope decides (plist, start script, JSON, plain log). */
export function caseArtifact(rule: RedactionRule, text: string): ArtifactText {
  switch (rule.scope) {
    case 'plist':
      return { ...A.launchAgentPlist, text };
    case 'start-script':
      return { ...A.startScript, text };
    case 'launchctl-print':
      return { ...A.launchctlPrintGui, text };
    case 'json':
      return { ...A.health, text };
    default:
      return { ...A.gatewayErrLog, text };
  }
}

const MARKER_UNIT = /("?)\[REDACTED:([a-z0-9][a-z0-9/._-]*):([0-9a-f]{6})\]\1/g;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One replaced value: the rule named in its marker, the value, and whether the marker's hex is its HMAC. */
export interface Recovered {
  ruleId: string;
  value: string;
  hmacMatches: boolean;
}

/** Align `output` with `input` to find what each marker replaced; null when they do not align. */
export function recoverSecrets(input: string, output: string, salt = SALT): Recovered[] | null {
  const markers = [...output.matchAll(MARKER_UNIT)];
  const pieces = output.split(MARKER_UNIT).filter((_, i) => i % 4 === 0);
  const re = new RegExp(`^${pieces.map(escapeRe).join('"?([\\s\\S]+?)"?')}$`);
  const m = re.exec(input);
  if (!m) return null;
  return markers.map((mk, i) => {
    const value = m[i + 1] ?? '';
    const hex = createHmac('sha256', salt).update(value).digest('hex').slice(0, 6);
    return { ruleId: mk[2] ?? '', value, hmacMatches: hex === mk[3] };
  });
}

import { A } from '../../src/bundle/artifacts.js';
import { GITLEAKS } from '../../src/redact/gitleaks/index.js';
import type { ArtifactText } from '../../src/redact/types.js';
import samples from './data/gitleaks-samples.json' with { type: 'json' };

// gitleaks' own samples (test/redact/data/gitleaks-samples.json, built by scripts/refresh-gitleaks.ts) and the
// places a secret sits in a bundle: bare in a gateway log line, in a transcript's tool result (a JSON string),
// in a JSON string that a log line prints escaped (`"output:\\n<token>"`), and on a `ps` command line.

export interface TruePositive {
  sample: string;
  secret?: string;
  generated?: boolean;
}
export interface FalsePositive {
  sample: string;
  kind: 'reference' | 'placeholder' | 'other';
  generated?: boolean;
}
interface Corpus {
  source: { version: string; commit: string };
  noLiteralTruePositives: string[];
  notes: string[];
  rules: Record<string, { tps: TruePositive[]; fps: FalsePositive[] }>;
}

export const CORPUS = samples as unknown as Corpus;
export const VENDORED = GITLEAKS.rules.map((r) => r.id);

/** The secret bare in a line of each artifact kind where a token is found without a name before it. */
export const bareContexts = (secret: string): Array<{ where: string; artifact: ArtifactText }> => [
  { where: 'gateway log line', artifact: { ...A.gatewayErrLog, text: `[gateway:http] request failed: upstream said ${secret} is invalid (401)\n` } },
  {
    where: 'transcript tool result',
    artifact: {
      ...A.sessionTranscript,
      text: `${JSON.stringify({ type: 'message', id: 'a1b2c3d4', message: { role: 'toolResult', content: [{ type: 'text', text: `output:\n${secret}\ndone` }] } })}\n`,
    },
  },
  { where: 'escaped JSON in a log line', artifact: { ...A.gatewayLog, text: `[gateway] tool result ${JSON.stringify({ text: `output:\n${secret}\ndone` })}\n` } },
  { where: 'ps command line', artifact: { ...A.ps, text: `  PID  PPID COMMAND\n 4242     1 /usr/local/bin/sync-tool --verbose ${secret} /tmp/out\n` } },
];

/** Whether any 12-character window of `secret` (or the whole of a shorter one) is left in `output` (markers aside). */
export function leftOf(secret: string, output: string): string | undefined {
  const text = output.replace(/\[REDACTED:[^\]]*\]/g, '\u0000');
  if (secret.length <= 12) return text.includes(secret) ? secret : undefined;
  for (let i = 0; i + 12 <= secret.length; i++) {
    const w = secret.slice(i, i + 12);
    if (text.includes(w)) return w;
  }
  return undefined;
}

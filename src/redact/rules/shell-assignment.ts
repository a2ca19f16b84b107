import { envNameStrength } from '../names.js';
import { unquotedRange } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';
import { isLiteralValue, isSecretShaped } from '../values.js';

// `export X=...` / `X=...` with a secret-looking name and a literal value, anywhere: start scripts, ps
// command lines (`PGPASSWORD=... psql`), bash tool calls in the transcript. References (`$VAR`,
// `"$(lease_secret_or_empty name)"`) and placeholders are not secrets and show how the value is sourced, so they
// stay readable (facts §1.8); under a weakly secret name (sessionKey, cacheKey) only a secret-shaped value goes.

// The full pattern is tried (sticky) only where a hint saw a secret word inside a name right before `=`.
const HINT_RE = /(?:token|key|secret|pass|pwd|auth|credential|cookie|private|dsn|session)[A-Za-z0-9_]*=/gi;
const ASSIGNMENT_RE = /([A-Za-z_][A-Za-z0-9_]{0,127})=("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s;&|"'`<>()]+)/dy;
const NAME_CHAR = /[A-Za-z0-9_]/;
const BEFORE_NAME = /[A-Za-z0-9_$.\/-]/;

/** A value that is a reference or a command substitution, not a literal. */
export const isDerivedShellValue = (raw: string): boolean => !raw.startsWith("'") && /\$[({A-Za-z_0-9@*#?!-]/.test(raw);

const id = 'shell-assignment';
const description = 'literal values of shell / env assignments whose name looks secret (TOKEN, KEY, SECRET, PASSWORD, AUTH, ...)';

function find(text: string): SecretRange[] {
  if (!text.includes('=')) return [];
  const out: SecretRange[] = [];
  let last = -1;
  for (const hint of text.matchAll(HINT_RE)) {
    let start = hint.index;
    while (start > 0 && NAME_CHAR.test(text[start - 1] ?? '')) start--;
    if (start <= last || BEFORE_NAME.test(text[start - 1] ?? ' ')) continue; // a path or URL, not a name
    ASSIGNMENT_RE.lastIndex = start;
    const m = ASSIGNMENT_RE.exec(text);
    const [, name = '', raw = ''] = m ?? [];
    const at = m?.indices?.[2];
    const strength = envNameStrength(name);
    if (!at || strength === null || isDerivedShellValue(raw)) continue;
    const r = unquotedRange(at[0], raw);
    const value = r ? text.slice(r.start, r.end) : '';
    if (r && isLiteralValue(value) && (strength === 'strong' || isSecretShaped(value))) out.push(r);
    last = at[1];
  }
  return out;
}

const shellAssignment: RedactionRule = {
  id,
  description,
  kind: 'structural',
  scope: 'text',
  keywords: ['token', 'key', 'secret', 'pass', 'pwd', 'auth', 'credential', 'cookie', 'private', 'dsn', 'session'],
  sameLine: true,
  cases: {
    caught: [
      'export OPENAI_API_KEY=hunter2-not-a-real-key',
      "DB_PASSWORD='s3cr3t pass phrase'",
      'env GITHUB_TOKEN=abcdef123456 gh api /user',
      'export TELEGRAM_BOT_TOKEN="plain-literal-token-value"',
      'SLACK_BOT_TOKEN=literal-without-export',
      'PGPASSWORD=pg-s3cret-value psql -h db -U gateway',
      'MYSQL_PWD=hunter2 mysql -u root',
      'export DEPLOY_KEY=Zm9vYmFyYmF6cXV4MTIz',
    ],
    nearMisses: [
      'export TELEGRAM_BOT_TOKEN="$(lease_secret_or_empty telegram_bot_token)"',
      'export SLACK_BOT_TOKEN="$SLACK_TOKEN_FROM_VAULT"',
      'export DISCORD_BOT_TOKEN=""',
      'MAX_TOKENS=4096',
      'export PI_MODEL=gpt-5.6-sol',
      'SLOG_SESSION_ID=gateway',
      'export DAEMON=transport-daemon.ts',
      'sessionKey=telegram:123456 batchKey=telegram:123456:7 cacheKey=slack:C0123ABCD keyId=42',
      'OPENAI_API_KEY=(unset) ANTHROPIC_API_KEY=<your-key> GITHUB_TOKEN=xxxxxxxx',
      'export TOKEN=${VAULT_TOKEN} API_KEY=$API_KEY SECRET="{{ .Values.secret }}"',
      'TELEGRAM_BOT_TOKEN_FILE=/run/secrets/telegram TOKEN_TTL=3600',
    ],
  },
  find,
};

export default shellAssignment;

import { unquotedRange } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';
import { isDerivedShellValue } from './shell-assignment.js';

// The private ~/.joelclaw/scripts/gateway-start.sh holds literals such as TELEGRAM_USER_ID whose names do not
// look secret (facts §1.8: "redact literal values"), so there every literal assignment is hidden except the
// switches diagnosis reads: which daemon runs, the slim-transport flag, *_ENABLED flags, the model.

const LINE_ASSIGNMENT_RE =
  /^[ \t]*(?:export[ \t]+|local[ \t]+|readonly[ \t]+|declare[ \t]+(?:-[A-Za-z]+[ \t]+)*)?([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s;&|"'`<>()]+)/dgm;

const KEEP_NAMES = new Set(['DAEMON', 'GATEWAY_TRANSPORT_SLIM_DOWN', 'GATEWAY_ROLE', 'PI_MODEL', 'PI_MODEL_PROVIDER', 'HOME', 'PATH']);

/** A switch that diagnosis needs and that is never a secret. */
export const isKnownSwitch = (name: string): boolean => KEEP_NAMES.has(name) || name.endsWith('_ENABLED');

const id = 'start-script-literal';
const description = 'every literal assignment value in files/gateway-start.sh except known non-secret switches';

function find(text: string): SecretRange[] {
  const out: SecretRange[] = [];
  for (const m of text.matchAll(LINE_ASSIGNMENT_RE)) {
    const [, name = '', raw = ''] = m;
    const at = m.indices?.[2];
    if (!at || isKnownSwitch(name) || isDerivedShellValue(raw)) continue;
    const r = unquotedRange(at[0], raw);
    if (r) out.push(r);
  }
  return out;
}

const startScriptLiteral: RedactionRule = {
  id,
  description,
  kind: 'structural',
  scope: 'start-script',
  cases: {
    caught: [
      'export TELEGRAM_USER_ID=123456789',
      'export IMESSAGE_ALLOWED_SENDER="joel@example.com"',
      'SLACK_DEFAULT_CHANNEL_ID=C0123ABCD',
      "  local fallback_secret='abc-literal'",
    ],
    nearMisses: [
      'export DAEMON="transport-daemon.ts"',
      'export GATEWAY_TRANSPORT_SLIM_DOWN=1',
      'export CHAT_SDK_ACTING_ENABLED=1',
      'export PI_MODEL=gpt-5.6-sol',
      'export PI_MODEL_PROVIDER=openai-codex',
      'export TELEGRAM_BOT_TOKEN="$(lease_secret_or_empty telegram_bot_token)"',
      'export DISCORD_BOT_TOKEN=""',
      'echo "gateway-start.sh invoked"',
      'exec bun run "$DAEMON"',
    ],
  },
  find,
};

export default startScriptLiteral;

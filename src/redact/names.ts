// Which names hold secrets. Two policies, because the names differ in kind: environment / shell variables are
// UPPER_SNAKE words (KEY is secret-looking there: DISCORD_PUBLIC_KEY), while JSON keys in /health carry
// evidence such as supersessionKey, batchKey, totalTokens, tokensBefore that must stay readable.

const ENV_SECRET_WORDS = new Set([
  'token', 'key', 'apikey', 'secret', 'password', 'passwd', 'pass', 'pwd', 'passphrase', 'auth', 'oauth',
  'credential', 'credentials', 'cookie', 'private', 'dsn',
]);

/** Split `camelCase`, `snake_case`, `kebab-case` and `dot.case` into lower-case words. */
const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** An environment-variable name that looks secret: TELEGRAM_BOT_TOKEN, OPENAI_API_KEY, DB_PASSWORD, X_SESSION. */
export function isSecretEnvName(name: string): boolean {
  const ws = words(name);
  if (ws.some((w) => ENV_SECRET_WORDS.has(w))) return true;
  return ws[ws.length - 1] === 'session'; // SLOG_SESSION_ID stays readable: an id, not a session secret
}

const KEY_EXACT = new Set(['auth', 'pass', 'pwd', 'dsn']);
const KEY_ENDINGS = [
  'token', 'secret', 'password', 'passwd', 'passphrase', 'apikey', 'privatekey', 'accesskey', 'secretkey',
  'signingkey', 'encryptionkey', 'masterkey', 'clientkey', 'authorization', 'cookie', 'credential',
  'credentials', 'keydata', 'certificatedata', 'authoritydata', 'webhooksecret',
];

function computeIsSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (k.length === 0) return false;
  if (KEY_EXACT.has(k)) return true;
  return KEY_ENDINGS.some((e) => k.endsWith(e));
}

// A transcript repeats the same few dozen keys millions of times; remember the answers (bounded).
const keyVerdicts = new Map<string, boolean>();

/** A JSON / YAML / log-object key that looks secret: token, apiKey, api_key, client-key-data, Authorization. */
export function isSecretKey(key: string): boolean {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    verdict = computeIsSecretKey(key);
    if (keyVerdicts.size < 10_000) keyVerdicts.set(key, verdict);
  }
  return verdict;
}

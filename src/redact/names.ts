// Which names hold secrets. Two policies, because the names differ in kind: environment / shell variables are
// UPPER_SNAKE words (KEY is secret-looking there: DISCORD_PUBLIC_KEY), while JSON keys in /health carry
// evidence such as supersessionKey, batchKey, totalTokens, tokensBefore that must stay readable.

const ENV_SECRET_WORDS = new Set([
  'token', 'apikey', 'secret', 'password', 'passwd', 'pass', 'pwd', 'passphrase', 'auth', 'oauth', 'credential',
  'credentials', 'cookie', 'private', 'dsn',
]);
/** One word that ends like a secret: PGPASSWORD, BOTTOKEN, CLIENTSECRET. */
const ENV_SECRET_SUFFIX = /(?:password|passwd|token|secret)$/;
/** A last word that makes the name an identifier or a setting, not a secret: keyId, TOKEN_PATH, SECRET_NAME. */
const ENV_NOT_SECRET_LAST = new Set([
  'id', 'ids', 'name', 'names', 'type', 'count', 'path', 'file', 'dir', 'url', 'uri', 'length', 'len', 'size',
  'ttl', 'expiry', 'expires', 'prefix', 'version', 'enabled', 'mode', 'header', 'format', 'algorithm', 'env',
]);

/** A word that makes a following KEY strong. */
const STRONG_BEFORE_KEY = new Set(['api', 'access', 'secret', 'private', 'signing', 'master', 'encryption', 'client', 'license']);

/** Split `camelCase`, `snake_case`, `kebab-case` and `dot.case` into lower-case words. */
const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * How secret an environment-variable name looks: `strong` (TELEGRAM_BOT_TOKEN, DB_PASSWORD, PGPASSWORD: any
 * literal value is hidden), `weak` (OPENAI_API_KEY, sessionKey, X_SESSION: the value is hidden when it is
 * secret-shaped, so sessionKey=telegram:123456 stays), or null (MAX_TOKENS, keyId, SLOG_SESSION_ID).
 */
export function envNameStrength(name: string): 'strong' | 'weak' | null {
  const ws = words(name);
  const last = ws[ws.length - 1];
  if (last === undefined || ENV_NOT_SECRET_LAST.has(last)) return null;
  if (ws.some((w) => ENV_SECRET_WORDS.has(w) || ENV_SECRET_SUFFIX.test(w))) return 'strong';
  const k = ws.indexOf('key');
  if (k > 0 && STRONG_BEFORE_KEY.has(ws[k - 1] as string)) return 'strong'; // OPENAI_API_KEY, AWS_ACCESS_KEY
  if (k >= 0 || last === 'session') return 'weak';
  return null;
}

/** An environment-variable name that looks secret: TELEGRAM_BOT_TOKEN, OPENAI_API_KEY, DB_PASSWORD, X_SESSION. */
export const isSecretEnvName = (name: string): boolean => envNameStrength(name) !== null;

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

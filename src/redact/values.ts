// What a value found by a rule must not be: a reference to a secret held elsewhere (a shell or template
// variable, a command substitution, a SOPS envelope), a placeholder (xxx, <token>, EXAMPLE), or, for a name
// that is only weakly secret (...Key), an identifier (telegram:123456, a number, a word). These stay readable:
// they say how a secret is sourced, and the diagnosis reads them (sessionKey=telegram:123456).

const REFERENCE = [
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $API_KEY
  /^\$\{[^}]*\}$/, // ${TOKEN}, ${TOKEN:-default}
  /^\$\(.*\)$/s, // $(gcloud auth print-access-token)
  /^\$\{\{[^}]*\}\}$/, // ${{ secrets.X }}
  /^\{\{.*\}\}$/s, // {{ .Values.Password }}
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %API_KEY%
  /^ENC\[[A-Za-z0-9_]+,.*\]$/s, // SOPS: ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]
  /^-----BEGIN AGE ENCRYPTED FILE-----/, // age envelope
  /^age1[a-z0-9]{20,}$/, // age recipient (a public key)
  /^(?:vault|op|sm|awssm|gcpsm|ref|secret|env):\/\//, // secret manager references
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.Getenv|System\.getenv|Deno\.env|Bun\.env|ENV\[|getenv\()/, // code reading the env
];

/** An auth scheme before a header value: `Bearer <token>` / `Bearer $API_KEY` are what `<token>` / `$API_KEY` are. */
const SCHEME_PREFIX = /^(?:Bearer|Basic|Token|Bot|Digest)[ \t]+/i;

const PLACEHOLDER = [
  /^(.)\1*$/, // xxxxx, *****, 00000000
  /EXAMPLE(?:KEY)?$|^example|[_.-]example(?:[_.-]|$)|(?:^|[_~-])your[_-]|[_-]here(?:[_-]|$)|^changeme$|^placeholder$|^dummy|^redacted$/i,
  /^<[^<>]*>$/, // <token>
  /^\[[A-Za-z _-]*\]$/, // [secret]
  /^\((?:unset|none|null|empty|not set|hidden|redacted)\)$/i, // OPENAI_API_KEY=(unset)
  /^(?:null|undefined|none|nil|true|false|unset|empty|n\/a|tbd|todo|secret|password|token)$/i,
  /\[redacted\]|<redacted>|\.\.\[/i, // already masked: ops_eyJzaWduSW5B..[Redacted]
  /^(?:new|function|await|require|import|return|this|self|lambda)$/, // code, not a value: credentials: new AWS...
];


/** A reference to a secret held elsewhere: $VAR, ${VAR}, $(cmd), {{ tmpl }}, %VAR%, SOPS ENC[...], age. */
export function isReference(value: string): boolean {
  const v = value.replace(SCHEME_PREFIX, '');
  return REFERENCE.some((re) => re.test(v));
}

/** Filler that stands for a secret in examples: xxxx, XXXX, ***, ####, and a trailing `...` of a cut display. */
const FILLER = /x{4,}|X{4,}|\*{3,}|#{4,}|\.\.\.$/g;

/**
 * Fewer letters and digits than this besides the filler, and the value is a placeholder (ghp_xxxxxxxx,
 * sk_test_****, abc...): too little is left to be a secret. A real token that merely contains a filler run
 * (a key ending in ...xxxx after 100 random characters) keeps far more, and is redacted.
 */
const MAX_PLACEHOLDER_REST = 12;

/** Filler runs (xxxx, ***, ####) that leave fewer than MAX_PLACEHOLDER_REST letters and digits. */
function isFilled(v: string): boolean {
  const rest = v.replace(FILLER, '');
  if (rest.length === v.length) return false;
  return (rest.match(/[A-Za-z0-9]/g)?.length ?? 0) < MAX_PLACEHOLDER_REST;
}

/** A placeholder that holds no secret: xxx, <token>, ...EXAMPLE, (unset), a lone keyword. */
export function isPlaceholder(value: string): boolean {
  const v = value.replace(SCHEME_PREFIX, '');
  return isFilled(v) || PLACEHOLDER.some((re) => re.test(v));
}

/** A placeholder run right after a found value: the token is a placeholder (xoxp-...-####################). */
export const PLACEHOLDER_TAIL = /[#*]{4}|[xX]{4}/y;

const REFERENCE_START = /\$[A-Za-z0-9_{(]|\{\{|ENC\[|%[A-Za-z_][A-Za-z0-9_]*%/y;

/** Whether a reference starts at `at` in `text` (for a value a rule's regex cut short: `${DB_PASSWORD}`, `{{ x }}`). */
export function startsReference(text: string, at: number): boolean {
  REFERENCE_START.lastIndex = at;
  return REFERENCE_START.test(text);
}

/** Neither a reference nor a placeholder: a literal that may be a secret. */
export const isLiteralValue = (value: string): boolean => value.length > 0 && !isReference(value) && !isPlaceholder(value);

/**
 * Whether a value under a weakly secret name (sessionKey, cacheKey) looks like a secret rather than an
 * identifier: not a number, not a word, not a prefixed id such as telegram:123456 or slack:C0123.
 */
export function isSecretShaped(value: string): boolean {
  if (value.length < 8) return false;
  if (/^[0-9.:_-]+$/.test(value)) return false; // numbers, times, stream ids
  if (/^[A-Za-z][A-Za-z_-]*$/.test(value)) return false; // a word
  if (/^[a-z][a-z0-9_-]*(?::[A-Za-z0-9_.-]+)+$/.test(value) && /:[0-9A-Z]/.test(value)) return false; // telegram:123456
  return true;
}

/** Shannon entropy in bits per character, as gitleaks computes it (detect/utils.go shannonEntropy). */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = Buffer.byteLength(s, 'utf8'); // Go's len(data): bytes
  let e = 0;
  for (const c of counts.values()) {
    const f = c / n;
    e -= f * Math.log2(f);
  }
  return e;
}

import type { RedactionRule, SecretRange } from '../types.js';

// Whole PEM private-key blocks of any type (RSA, EC, OPENSSH, ENCRYPTED, PGP ... BLOCK), as real lines or as
// `\n` escapes inside a logged string. A block cut before its END line (a tail, a truncated tool result) is
// hidden through every following line that can belong to a PEM body: base64, indented base64 (a YAML block),
// `Proc-Type:` / `DEK-Info:` headers and blank lines, to the end of the text if that is where it runs.
// Certificates stay: public.

const PEM_RE =
  /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----(?:[^\u0000]{0,65536}?-----END \1PRIVATE KEY\2-----|(?:(?:\r?\n|\\r?\\n)[ \t]*(?:[A-Z][A-Za-z-]*:[^\n\\\u0000]*|[A-Za-z0-9+/=]+)?[ \t]*)*)/g;

const id = 'pem-private-key';
const description = 'whole -----BEGIN ... PRIVATE KEY----- blocks of any type, escaped or not';

function find(text: string): SecretRange[] {
  if (!text.includes('PRIVATE KEY')) return [];
  return [...text.matchAll(PEM_RE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const BODY = 'MIIEowIBAAKCAQEAfakefakefakefakefakefakefakefake0123456789abcdef';

const pemPrivateKey: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: ['private key'],
  reach: 70_000,
  readsEscapes: true,
  cases: {
    caught: [
      `-----BEGIN RSA PRIVATE KEY-----\n${BODY}\n${BODY}\n-----END RSA PRIVATE KEY-----`,
      `key "-----BEGIN PRIVATE KEY-----\\n${BODY}\\n-----END PRIVATE KEY-----\\n"`,
      `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----`,
      `tail cut -----BEGIN EC PRIVATE KEY-----\n${BODY}\n${BODY}`,
      `key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  ${BODY}\n  ${BODY}`,
      `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n${BODY}\n${BODY}\n`,
      `"text": "-----BEGIN OPENSSH PRIVATE KEY-----\\n${BODY}\\n${BODY}`,
    ],
    nearMisses: [
      `-----BEGIN CERTIFICATE-----\n${BODY}\n-----END CERTIFICATE-----`,
      `-----BEGIN PUBLIC KEY-----\n${BODY}\n-----END PUBLIC KEY-----`,
      'the private key was rotated yesterday',
    ],
  },
  find,
};

export default pemPrivateKey;

import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// AWS access key ids have fixed prefixes (AKIA long-term, ASIA temporary); a secret access key is 40 base64
// chars with no prefix, so it is taken only next to its label, never as a bare 40-char string (a sha1 is not
// a secret and must stay).

const KEY_ID_RE = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/dg;
const SECRET_RE = /aws_?secret_?access_?key["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dgi;

const id = 'aws-key';
const description = 'AWS access key ids (AKIA/ASIA...) and secret access keys next to aws_secret_access_key';

function find(text: string): SecretRange[] {
  const ids = /A[KSBC][IC]A/.test(text) ? groupRanges(text, KEY_ID_RE, 0) : [];
  const secrets = /secret_?access_?key/i.test(text) ? groupRanges(text, SECRET_RE, 1) : [];
  return [...ids, ...secrets];
}

const awsKey: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: ['akia', 'asia', 'abia', 'acca', 'secret_access_key', 'secretaccesskey', 'secret_accesskey', 'secretaccess_key'],
  sameLine: true,
  cases: {
    caught: [
      'aws_access_key_id = AKIAZ7FAKE0EXAMPLE12',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY012',
      'temporary ASIAQ3FAKE0EXAMPLE34 issued',
    ],
    nearMisses: [
      'sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709',
      'AKIA is the prefix of a key id',
      'AKIAshort',
    ],
  },
  find,
};

export default awsKey;

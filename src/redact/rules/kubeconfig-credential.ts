import { unquotedRange } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';
import { isLiteralValue, startsReference } from '../values.js';

// Credentials in kubeconfig shapes, YAML or JSON: token, client-key-data, password, auth-provider tokens, and
// also the certificate data (not secret, but kilobytes of base64 that say nothing to a diagnosis).
// https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/

const NAMES =
  'token|id-token|refresh-token|access-token|client-secret|client-key-data|client-certificate-data|certificate-authority-data|password';
const YAML_RE = new RegExp(`^[ \\t]*(?:-[ \\t]+)?(?:${NAMES})[ \\t]*:[ \\t]*(\\S[^\\n]*?)[ \\t]*$`, 'dgm');
const JSON_RE = new RegExp(`"(?:${NAMES})"[ \\t]*:[ \\t]*("(?:[^"\\\\\\n]|\\\\.)*")`, 'dg');
const NOT_A_VALUE = /^(?:null|~|""|''|DATA\+OMITTED|REDACTED|\||>),?$/;

const id = 'kubeconfig-credential';
const description = 'kubeconfig credentials and certificate data (token, client-key-data, password, ...), YAML or JSON';

function find(text: string): SecretRange[] {
  const out: SecretRange[] = [];
  for (const re of [YAML_RE, JSON_RE]) {
    for (const m of text.matchAll(re)) {
      const at = m.indices?.[1];
      if (!at || NOT_A_VALUE.test(m[1] ?? '')) continue;
      const r = unquotedRange(at[0], m[1] ?? '');
      if (r && !startsReference(text, r.start) && isLiteralValue(text.slice(r.start, r.end))) out.push(r);
    }
  }
  return out;
}

const kubeconfigCredential: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: ['token:', 'token"', 'password:', 'password"', 'secret:', 'secret"', '-data:', '-data"'],
  sameLine: true,
  cases: {
    caught: [
      'users:\n- name: colima\n  user:\n    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpmYWtl',
      '    token: kubeconfig-literal-token-0123',
      'clusters:\n- cluster:\n    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCmZha2U=\n    server: https://127.0.0.1:6443',
      '{"user":{"client-certificate-data":"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="}}',
      '    password: "kube-pass-123"',
    ],
    nearMisses: [
      '    server: https://127.0.0.1:6443\n  name: colima',
      '    tokens: 5',
      '    token: ""',
      '    client-key-data: DATA+OMITTED',
      'current-context: colima',
    ],
  },
  find,
};

export default kubeconfigCredential;

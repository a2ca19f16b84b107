import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// Token formats with a fixed prefix that gitleaks' default rules lack and secretlint's recommended preset
// (@secretlint/secretlint-rule-preset-recommend 12.0.0, module/index.js) knows: Groq `gsk_`, Figma `figd_`,
// Docker Hub `dckr_pat_`, Vercel `vcp_/vci_/vca_/vcr_/vck_`, HashiCorp Vault recovery `hvr.`. With these, the
// preset finds nothing our catalog and gitleaks' rules miss, so it is not run (docs/benchmarks.md, Redaction).
// Also Mailchimp API keys, which gitleaks finds only after a `mailchimp` name: 32 hex and a `-us<N>` data centre.

const TOKEN_RE =
  /(?<![A-Za-z0-9_-])(?:gsk_[a-zA-Z0-9]{52}|figd_[A-Za-z0-9_-]{40,200}|dckr_pat_[a-zA-Z0-9_-]{27}|(?:vcp|vci|vca|vcr|vck)_[A-Za-z0-9]{20,60}|hvr\.[A-Za-z0-9_-]{90,120}|[a-f0-9]{32}-us[0-9]{1,2})(?![A-Za-z0-9_-])/dg;

const id = 'provider-token';
const description = 'Groq, Figma, Docker Hub, Vercel, Vault recovery tokens and Mailchimp keys (formats gitleaks lacks or needs a name for)';

const find = (text: string): SecretRange[] => groupRanges(text, TOKEN_RE, 0);

const providerToken: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: ['gsk_', 'figd_', 'dckr_pat_', 'vcp_', 'vci_', 'vca_', 'vcr_', 'vck_', 'hvr.', '-us'],
  sameLine: true,
  cases: {
    caught: [
      `GROQ_API_KEY is gsk_${'aB3'.repeat(17)}x`,
      `figma token figd_${'Fg9_-'.repeat(9)}`,
      `docker login -u joel --password-stdin <<< dckr_pat_${'Dk7-'.repeat(6)}abc`,
      `vercel deploy with vcp_${'Vc1'.repeat(10)}`,
      `vault operator unseal hvr.${'Hv2_'.repeat(24)}`,
      'mailchimp said 401 for 898547196f9d3d0f92117b482e7c28ca-us20',
    ],
    nearMisses: ['gsk_short', 'figd_ only', 'the vcp_ prefix names a Vercel token', 'hvr.example.com', 'bucket e3b0c44298fc1c149afbf4c8996fb924-users'],
  },
  find,
};

export default providerToken;

import { envNameStrength, isSecretKey } from '../names.js';
import type { RedactionRule, SecretRange } from '../types.js';
import { isLiteralValue } from '../values.js';

// Secrets in XML config a tool result or a log may show: the value of a `<add key="Password" value="..."/>`
// (.NET, NuGet) or `<entry name="apiToken" value="..."/>` pair, and the text of an element named like a secret
// (`<password>...</password>`, `<gitlabToken>\n  ...\n</gitlabToken>`). The name stays; only the value goes.
// launchd plists are not this shape (`<key>NAME</key><string>` is plist-env's).

const ATTR_PAIR_RE = /\b(?:key|name)[ \t]*=[ \t]*"([^"\n]{1,128})"[ \t\n]+value[ \t]*=[ \t]*"([^"\n]*)"/dgi;
const ELEMENT_RE = /<([A-Za-z_][\w.-]{0,63})>[ \t\r\n]*([^<\s][^<]{0,4095}?)[ \t\r\n]*<\/\1>/dg;

const secretName = (name: string): boolean => isSecretKey(name) || envNameStrength(name) === 'strong';

const id = 'xml-secret';
const description = 'XML values under secret names: <add key="Password" value="..."/> and <password>...</password>';

function find(text: string): SecretRange[] {
  if (!text.includes('<')) return [];
  const out: SecretRange[] = [];
  for (const re of [ATTR_PAIR_RE, ELEMENT_RE]) {
    for (const m of text.matchAll(re)) {
      const at = m.indices?.[2];
      if (!at || !secretName(m[1] ?? '') || !isLiteralValue(m[2] ?? '')) continue;
      out.push({ start: at[0], end: at[1] });
    }
  }
  return out;
}

const xmlSecret: RedactionRule = {
  id,
  description,
  kind: 'structural',
  scope: 'text',
  keywords: ['value', 'pass', 'pwd', 'token', 'secret', 'key', 'auth', 'credential', 'cookie'],
  cases: {
    caught: [
      '<add key="Password" value="nuget-cleartext-pw1" />',
      '<add key="ClearTextPassword" value="Cl3arText"/>',
      '<entry name="apiToken" value="entry-value-0123" />',
      '<password>element-secret-value</password>',
      '<gitlabToken>\n    glft-0123456789abcdefghij\n</gitlabToken>',
    ],
    nearMisses: [
      '<add key="Username" value="joel" />',
      '<add key="Password" value="$(NUGET_PASSWORD)" />',
      '<key>TELEGRAM_BOT_TOKEN</key>',
      '<token></token> <password>${DB_PASSWORD}</password>',
      '<tokenCount>42</tokenCount>',
    ],
  },
  find,
};

export default xmlSecret;

import type { RedactionRule, SecretRange } from '../types.js';

// launchd plists carry channel tokens in the EnvironmentVariables dict (facts §1.7). A scanner that knows it is
// inside that <dict> redacts every <string> value there, whatever its key, while Label, ProgramArguments and
// StandardErrorPath stay readable for diagnosis. https://www.manpagez.com/man/5/launchd.plist/

const ENV_DICT_RE = /<key>\s*EnvironmentVariables\s*<\/key>\s*<dict>/g;
const TAG_RE = /<(\/?)(dict|string|data)\b[^>]*?(\/?)>/g;

const id = 'plist-env';
const description = 'every <string> value inside a launchd plist EnvironmentVariables <dict>';

function find(text: string): SecretRange[] {
  const ranges: SecretRange[] = [];
  for (const env of text.matchAll(ENV_DICT_RE)) {
    let depth = 1;
    TAG_RE.lastIndex = env.index + env[0].length;
    for (let tag = TAG_RE.exec(text); tag && depth > 0; tag = TAG_RE.exec(text)) {
      const [whole, closing, name, selfClosing] = tag;
      if (selfClosing) continue; // <string/>: nothing to hide
      if (name === 'dict') {
        depth += closing ? -1 : 1;
        continue;
      }
      if (closing) continue;
      const start = tag.index + whole.length;
      const end = text.indexOf(`</${name}>`, start);
      if (end < 0) {
        ranges.push({ start, end: text.length }); // cut plist: hide the rest rather than leak it
        break;
      }
      if (end > start) ranges.push({ start, end });
      TAG_RE.lastIndex = end;
    }
  }
  return ranges;
}

const plistEnv: RedactionRule = {
  id,
  description,
  kind: 'structural',
  scope: 'plist',
  cases: {
    caught: [
      '<key>EnvironmentVariables</key>\n<dict>\n  <key>TELEGRAM_BOT_TOKEN</key>\n  <string>not-a-known-format-but-secret</string>\n</dict>',
      '<key>EnvironmentVariables</key><dict><key>TELEGRAM_USER_ID</key><string>123456789</string><key>HOME</key><string>/Users/joel</string></dict>',
      '<key>EnvironmentVariables</key>\n\t<dict>\n\t\t<key>OTEL_EMIT_URL</key>\n\t\t<string>http://flagg:3111/observability/emit?k=abc123</string>\n\t</dict>',
    ],
    nearMisses: [
      '<key>Label</key>\n<string>com.joel.gateway</string>',
      '<key>ProgramArguments</key>\n<array>\n  <string>/Users/joel/Code/joelhooks/joelclaw/infra/gateway-daemon.sh</string>\n</array>',
      '<key>StandardErrorPath</key>\n<string>/tmp/joelclaw/gateway.err</string>',
      '<key>EnvironmentVariables</key>\n<dict/>\n<key>KeepAlive</key>\n<true/>',
    ],
  },
  find,
};

export default plistEnv;

import { isSecretKey } from '../names.js';
import { unquotedRange } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';
import { isLiteralValue, startsReference } from '../values.js';

// Secrets given on a command line, as `ps` shows them and as a bash tool call in the transcript holds them:
// `--password=x`, `--token x`, `--api-key=x`, `--client-secret x`, and the short flags of clients whose password
// flag is not spelled out: `mysql -pSECRET` (attached, mysql(1)), `redis-cli -a SECRET` (redis-cli(1); its -p is
// the port), `sshpass -p SECRET`, `mongosh -p SECRET`. A value that is a reference (`$TOKEN`) or a flag stays.

const LONG_FLAG_RE = /(?<![\w-])--([a-z][a-z0-9-]{1,40})(?:=|[ \t]+)("[^"\n]*"|'[^'\n]*'|[^\s"'|;&]+)/dgi;
const CLIENT_FLAG_RE =
  /\b(?:(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n|;&]*?[ \t]-p(?!=)([^\s"'|;&]+)|(?:redis-cli|keydb-cli|valkey-cli)\b[^\n|;&]*?[ \t]-a[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s"'|;&]+)|(?:sshpass|mongo|mongosh)\b[^\n|;&]*?[ \t]-p[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s"'|;&]+))/dg;

const CLIENT = /mysql|mariadb|redis-cli|keydb-cli|valkey-cli|sshpass|mongo/;

const id = 'cli-secret-flag';
const description = 'command-line secrets: --password / --token / --api-key / --secret values, mysql -p, redis-cli -a, sshpass -p';

function push(out: SecretRange[], text: string, start: number, raw: string): void {
  const r = unquotedRange(start, raw);
  if (!r || startsReference(text, r.start)) return;
  const value = text.slice(r.start, r.end);
  if (value.startsWith('-') || !isLiteralValue(value)) return;
  out.push(r);
}

function find(text: string): SecretRange[] {
  const out: SecretRange[] = [];
  for (const m of text.matchAll(LONG_FLAG_RE)) {
    const at = m.indices?.[2];
    if (at && isSecretKey(m[1] ?? '')) push(out, text, at[0], m[2] ?? '');
  }
  if (!CLIENT.test(text)) return out; // the client pattern is slow to fail: try it only where a client is named
  for (const m of text.matchAll(CLIENT_FLAG_RE)) {
    const g = [1, 2, 3].find((k) => m[k] !== undefined) ?? 0;
    const at = m.indices?.[g];
    if (g > 0 && at) push(out, text, at[0], m[g] ?? '');
  }
  return out;
}

const cliSecretFlag: RedactionRule = {
  id,
  description,
  kind: 'structural',
  scope: 'text',
  keywords: ['--', 'mysql', 'mariadb', 'redis-cli', 'keydb-cli', 'valkey-cli', 'sshpass', 'mongo'],
  sameLine: true,
  cases: {
    caught: [
      ' 4242     1 /usr/bin/backup --password=cli-pass-123 --verbose',
      'gh auth login --token gho_cli_token_value_0123',
      'curl-wrapper --api-key="k-cli-0123456789" https://api.example.com',
      'tool --client-secret s3cr3t-client-value',
      'mysql -u root -pMyS3cretPw gateway',
      'redis-cli -h 127.0.0.1 -p 6379 -a r3dis-auth-pass PING',
      'sshpass -p ssh-pass-value ssh joel@host',
    ],
    nearMisses: [
      'bun run daemon.ts --token-ttl 3600 --max-tokens 4096',
      'deploy --password-file /run/secrets/pw --token $GITHUB_TOKEN',
      'redis-cli -h 127.0.0.1 -p 6379 PING',
      'mysql -u root -p gateway',
      'pi --model gpt-5.6-sol --no-password --verbose',
    ],
  },
  find,
};

export default cliSecretFlag;

import type { RedactionRule, SecretRange } from '../types.js';

// `launchctl print` repeats the plist's EnvironmentVariables (channel tokens included) in its
// `environment = { KEY => value }` blocks, and `inherited environment` / `default environment` hold the
// launchd session's own. Like plist-env, every value in those blocks is hidden whatever its name, while the
// names, `state`, `pid` and `last exit code` stay readable for the process layer.

const BLOCK_START = /^[ \t]*(?:[a-z]+ )*environment = \{[ \t]*$/;
const BLOCK_END = /^[ \t]*\}[ \t]*$/;
const ENTRY = /^[ \t]*[^\s=]+ => /;

const id = 'launchctl-env';
const description = 'every value in the environment blocks of `launchctl print` (KEY => value)';

function find(text: string): SecretRange[] {
  const ranges: SecretRange[] = [];
  let inBlock = false;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (!inBlock) inBlock = BLOCK_START.test(line);
    else if (BLOCK_END.test(line)) inBlock = false;
    else {
      const entry = ENTRY.exec(line);
      if (entry && line.length > entry[0].length) ranges.push({ start: offset + entry[0].length, end: offset + line.trimEnd().length });
    }
    offset += line.length + 1;
  }
  return ranges;
}

const launchctlEnv: RedactionRule = {
  id,
  description,
  kind: 'structural',
  scope: 'launchctl-print',
  cases: {
    caught: [
      'gui/501/com.joel.gateway = {\n\tenvironment = {\n\t\tTELEGRAM_USER_ID => 123456789\n\t\tPATH => /usr/bin:/bin\n\t}\n}',
      '\tinherited environment = {\n\t\tSSH_AUTH_SOCK => /private/tmp/com.apple.launchd.x/Listeners\n\t}',
      '\tdefault environment = {\n\t\tOTEL_EMIT_URL => http://flagg:3111/observability/emit?k=abc123\n\t}',
    ],
    nearMisses: [
      'gui/501/com.joel.gateway = {\n\tstate = running\n\tpid = 4242\n\tlast exit code = (never exited)\n}',
      '\tenvironment = {\n\t}\n\tprogram = /Users/joel/Code/joelhooks/joelclaw/infra/gateway-daemon.sh',
      '\tdisabled services = {\n\t\t"com.joel.gateway" => disabled\n\t}',
    ],
  },
  find,
};

export default launchctlEnv;

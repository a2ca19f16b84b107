import { FAKE } from '../secrets.js';

// The gateway's configuration files as they sit on the machine: launchd plists (facts §1.7), the private
// start script (§1.8), the tripwire (§1.9) and packages/gateway/package.json (§1.10), pi settings (§1.6).

const REPO = '/Users/joel/Code/joelhooks/joelclaw';

const xmlEscape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The daemon plist, with EnvironmentVariables that hold a channel token (what redaction must catch). */
export function plistXml(o: { label?: string; program?: string; env?: Record<string, string>; userName?: string | null } = {}): string {
  const env: Record<string, string> = {
    HOME: '/Users/joel',
    PATH: '/Users/joel/.bun/bin:/opt/homebrew/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    TELEGRAM_POLL_LEASE_ENABLED: '0',
    TELEGRAM_BOT_TOKEN: FAKE.telegramBotToken,
    REDIS_URL: `redis://default:${FAKE.redisPassword}@localhost:6379`,
    SLOG_SESSION_ID: 'gateway',
    SLOG_SYSTEM_ID: 'panda',
    OTEL_EMIT_URL: 'http://flagg:3111/observability/emit',
    ...o.env,
  };
  const envXml = Object.entries(env)
    .map(([k, v]) => `\t\t<key>${k}</key>\n\t\t<string>${xmlEscape(v)}</string>`)
    .join('\n');
  const user = o.userName === null ? '' : `\t<key>UserName</key>\n\t<string>${o.userName ?? 'joel'}</string>\n\t<key>GroupName</key>\n\t<string>staff</string>\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>Label</key>
\t<string>${o.label ?? 'com.joel.gateway'}</string>
${user}\t<key>ProgramArguments</key>
\t<array>
\t\t<string>${o.program ?? `${REPO}/infra/gateway-daemon.sh`}</string>
\t</array>
\t<key>WorkingDirectory</key>
\t<string>${REPO}/packages/gateway</string>
\t<key>EnvironmentVariables</key>
\t<dict>
${envXml}
\t</dict>
\t<key>RunAtLoad</key>
\t<true/>
\t<key>KeepAlive</key>
\t<true/>
\t<key>ThrottleInterval</key>
\t<integer>10</integer>
\t<key>ProcessType</key>
\t<string>Background</string>
\t<key>StandardOutPath</key>
\t<string>/tmp/joelclaw/gateway.log</string>
\t<key>StandardErrorPath</key>
\t<string>/tmp/joelclaw/gateway.err</string>
</dict>
</plist>
`;
}

/** The tripwire agent: runs gateway-tripwire.sh every 300 s and at load. */
export function tripwirePlistXml(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>Label</key>
\t<string>com.joel.gateway-tripwire</string>
\t<key>ProgramArguments</key>
\t<array>
\t\t<string>${REPO}/infra/gateway-tripwire.sh</string>
\t</array>
\t<key>StartInterval</key>
\t<integer>300</integer>
\t<key>RunAtLoad</key>
\t<true/>
</dict>
</plist>
`;
}

/** Another launchd job of the owner (a healer, a tunnel, a worker): the keys launchd and the collector read. */
export function launchdJobPlistXml(o: {
  label: string;
  programArguments: string[];
  startInterval?: number;
  keepAlive?: boolean;
  env?: Record<string, string>;
  stdoutPath?: string;
  stderrPath?: string;
}): string {
  const key = (k: string, v: string) => `\t<key>${k}</key>\n\t${v}\n`;
  const env = o.env
    ? key('EnvironmentVariables', `<dict>\n${Object.entries(o.env).map(([k, v]) => `\t\t<key>${k}</key>\n\t\t<string>${xmlEscape(v)}</string>`).join('\n')}\n\t</dict>`)
    : '';
  const args = o.programArguments.map((a) => `\t\t<string>${xmlEscape(a)}</string>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
${key('Label', `<string>${o.label}</string>`)}${env}${key('ProgramArguments', `<array>\n${args}\n\t</array>`)}${key('RunAtLoad', '<true/>')}${
    o.startInterval === undefined ? '' : key('StartInterval', `<integer>${o.startInterval}</integer>`)
  }${o.keepAlive === undefined ? '' : key('KeepAlive', o.keepAlive ? '<true/>' : '<false/>')}${
    o.stdoutPath === undefined ? '' : key('StandardOutPath', `<string>${o.stdoutPath}</string>`)
  }${o.stderrPath === undefined ? '' : key('StandardErrorPath', `<string>${o.stderrPath}</string>`)}</dict>
</plist>
`;
}

/** ~/.joelclaw/scripts/gateway-start.sh: lease lines, literals (redaction targets), SLACK_BOT_TOKEN without export. */
export function startScript(o: { daemon?: 'daemon.ts' | 'transport-daemon.ts'; slim?: boolean } = {}): string {
  const daemon = o.daemon ?? 'daemon.ts';
  return `#!/usr/bin/env bash
set -euo pipefail
echo "gateway-start.sh invoked"
source "$HOME/.joelclaw/scripts/lease-secrets.sh"

export TELEGRAM_BOT_TOKEN="$(lease_secret_or_empty telegram_bot_token)"
export TELEGRAM_USER_ID="8675309"
export DISCORD_BOT_TOKEN="${FAKE.discordBotToken}"
export DISCORD_ALLOWED_USER_ID=""
export DISCORD_APPLICATION_ID="$(lease_secret_or_empty discord_application_id)"
export DISCORD_PUBLIC_KEY=""
export IMESSAGE_ALLOWED_SENDER=""
SLACK_BOT_TOKEN="${FAKE.slackBotToken}"
export SLACK_USER_TOKEN="${FAKE.slackUserToken}"
export SLACK_ALLOWED_USER_ID=""
export SLACK_DEFAULT_CHANNEL_ID="$SLACK_FALLBACK_CHANNEL"
export GITHUB_TOKEN="${FAKE.githubToken}"
export OPENAI_API_KEY="${FAKE.openaiKey}"
export ANTHROPIC_API_KEY="${FAKE.anthropicKey}"
export AWS_ACCESS_KEY_ID="${FAKE.awsAccessKeyId}"
export PI_MODEL_PROVIDER="openai-codex"
export PI_MODEL="gpt-5.6-sol"
export GATEWAY_TRANSPORT_SLIM_DOWN="${o.slim ? 1 : 0}"
export CHAT_SDK_INBOUND_SHADOW_ENABLED="0"
export CHAT_SDK_ACTING_ENABLED="1"

DAEMON="${REPO}/packages/gateway/src/${daemon}"
cd "${REPO}/packages/gateway"
exec /Users/joel/.bun/bin/bun run "$DAEMON"
`;
}

/** packages/gateway/package.json with the pinned embedded pi version (SKILL 2b compares it to `pi --version`). */
export function gatewayPackageJson(piVersion: string): string {
  const pkg = {
    name: '@joelclaw/gateway',
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: { start: 'bun run src/daemon.ts', 'start:transport-slim': 'bun run src/transport-daemon.ts' },
    dependencies: {
      '@mariozechner/pi-ai': piVersion,
      '@mariozechner/pi-coding-agent': piVersion,
      chat: '4.34.0',
      grammy: '^1.40.0',
      ioredis: '^5.9.3',
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The gateway's own ~/.joelclaw/gateway/.pi/settings.json. */
export function piSettingsJson(): string {
  const settings = {
    defaultProvider: 'openai-codex',
    defaultModel: 'gpt-5.6-sol',
    defaultThinkingLevel: 'low',
    steeringMode: 'one-at-a-time',
    followUpMode: 'one-at-a-time',
    compaction: { enabled: true, reserveTokens: 40_000, keepRecentTokens: 20_000 },
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** The tripwire file: `export const lastHeartbeatTs = <ms>;` (daemon/slim) or a bare number (legacy extension). */
export const heartbeatTs = (ms: number, shape: 'module' | 'bare' = 'module'): string =>
  shape === 'module' ? `export const lastHeartbeatTs = ${ms};\n` : `${ms}\n`;

import { FAKE } from '../secrets.js';

// The gateway's configuration files as they sit on the machine: launchd plists (facts §1.7), the private
// start script (§1.8), the tripwire (§1.9) and packages/gateway/package.json (§1.10), pi settings (§1.6).

const REPO = '/Users/joel/Code/joelhooks/joelclaw';

const xmlEscape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * The daemon plist as the repo ships it (joelclaw infra/launchd/com.joel.gateway.plist: Comment, 4-space
 * indentation, WorkingDirectory at the checkout), installed to /Library/LaunchDaemons or, for the gui domain,
 * ~/Library/LaunchAgents without UserName/GroupName. Our additions: a channel token and a Redis URL with a
 * password in EnvironmentVariables (what redaction must catch; the repo's copy has neither).
 */
export function plistXml(o: { label?: string; program?: string; env?: Record<string, string>; userName?: string | null } = {}): string {
  const env: Record<string, string> = {
    HOME: '/Users/joel',
    PATH: '/Users/joel/.local/bin:/Users/joel/.bun/bin:/Users/joel/.local/share/fnm/aliases/default/bin:/opt/homebrew/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    TELEGRAM_POLL_LEASE_ENABLED: '0',
    SLOG_SESSION_ID: 'gateway',
    SLOG_SYSTEM_ID: 'panda',
    OTEL_EMIT_URL: 'http://flagg:3111/observability/emit',
    TELEGRAM_BOT_TOKEN: FAKE.telegramBotToken,
    REDIS_URL: `redis://default:${FAKE.redisPassword}@localhost:6379`,
    ...o.env,
  };
  const envXml = Object.entries(env)
    .map(([k, v]) => `        <key>${k}</key>\n        <string>${xmlEscape(v)}</string>`)
    .join('\n');
  const user = o.userName === null ? '' : `    <key>UserName</key>\n    <string>${o.userName ?? 'joel'}</string>\n\n    <key>GroupName</key>\n    <string>staff</string>\n\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>Comment</key>
    <string>joelclaw gateway daemon — embedded pi session with Redis + channel routing (ADR-0038)</string>

    <key>Label</key>
    <string>${o.label ?? 'com.joel.gateway'}</string>

${user}    <key>ProgramArguments</key>
    <array>
        <string>${o.program ?? `${REPO}/infra/gateway-daemon.sh`}</string>
    </array>

    <key>WorkingDirectory</key>
    <string>${REPO}</string>

    <key>EnvironmentVariables</key>
    <dict>
${envXml}
    </dict>

    <key>RunAtLoad</key>
    <true/>

    <key>KeepAlive</key>
    <true/>

    <key>ProcessType</key>
    <string>Background</string>

    <key>ThrottleInterval</key>
    <integer>10</integer>

    <key>StandardOutPath</key>
    <string>/tmp/joelclaw/gateway.log</string>

    <key>StandardErrorPath</key>
    <string>/tmp/joelclaw/gateway.err</string>
</dict>
</plist>
`;
}

/** The tripwire agent as the repo ships it (infra/launchd/com.joel.gateway-tripwire.plist): every 300 s and at load. */
export function tripwirePlistXml(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>Label</key>
    <string>com.joel.gateway-tripwire</string>
    <key>ProgramArguments</key>
    <array>
        <string>/bin/bash</string>
        <string>${REPO}/infra/gateway-tripwire.sh</string>
    </array>
    <key>StartInterval</key>
    <integer>300</integer>
    <key>RunAtLoad</key>
    <true/>
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

/**
 * ~/.pi/agent/models.json, pi's custom models (pi-coding-agent docs/models.md; the schema in
 * dist/core/model-registry.js). pi-ai 0.70.2 has no gpt-5.6-sol, so the gateway's primary can only come from
 * here: a custom openai-codex model (api and baseUrl inherited from the built-in provider). The owner's real
 * file is private: its window is our guess (gpt-5.4's 272000); a local Ollama provider carries an apiKey for
 * redaction to catch.
 */
export function piModelsJson(o: { primaryContextWindow?: number } = {}): string {
  const models = {
    providers: {
      'openai-codex': {
        models: [{ id: 'gpt-5.6-sol', name: 'GPT-5.6 Sol', reasoning: true, input: ['text', 'image'], contextWindow: o.primaryContextWindow ?? 272_000, maxTokens: 128_000 }],
      },
      ollama: {
        baseUrl: 'http://localhost:11434/v1',
        api: 'openai-completions',
        apiKey: FAKE.openaiKey,
        models: [{ id: 'qwen3:32b', contextWindow: 40_960 }],
      },
    },
  };
  return `${JSON.stringify(models, null, 2)}\n`;
}

/** The tripwire file: `export const lastHeartbeatTs = <ms>;` (daemon/slim) or a bare number (legacy extension). */
export const heartbeatTs = (ms: number, shape: 'module' | 'bare' = 'module'): string =>
  shape === 'module' ? `export const lastHeartbeatTs = ${ms};\n` : `${ms}\n`;

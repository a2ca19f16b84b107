import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { groupRecords } from '../../src/replay/records.js';
import {
  bunConsole,
  bunErrorValue,
  bunRecord,
  colimaStatus,
  healthBody,
  launchctlNotFound,
  launchctlPrint,
  launchctlPrintDisabled,
  otelEvent,
  otelSearch,
  piModelsJson,
  plistXml,
  psEtime,
  psTable,
  sessionJsonl,
  startScript,
  userMessage,
  assistantText,
  compaction,
  entryId,
  modelChange,
  piSessionFile,
} from '../helpers/simulated-host/formats.js';
import { FAKE, PLANTED_SECRETS } from '../helpers/simulated-host/secrets.js';

// The real diagnose's launchctl field regex (facts §7): indentation, field, spaces, `=`, value.
const field = (text: string, name: string) => new RegExp(`^\\s*${name}\\s*=\\s*(.+)$`, 'im').exec(text)?.[1];

describe('bun records', () => {
  it('prints an object over several lines that group back into one record', () => {
    const text = bunRecord('[gateway] shutting down', { signal: 'watchdog:dead-session' });
    expect(text).toBe('[gateway] shutting down {\n  signal: "watchdog:dead-session",\n}');
    const records = groupRecords('files/gateway.log', [...text.split('\n'), '[gateway] daemon started {}']);
    expect(records).toHaveLength(2);
    expect(records[0]!.endLine).toBe(3);
  });

  it('prints an Error inside an object with a code frame, caret, error line, stack and a lone comma', () => {
    const text = bunRecord('command-queue: prompt failed', { source: 'telegram:1', consecutiveFailures: 2, error: bunErrorValue('boom') }, 'error');
    const lines = text.split('\n');
    expect(lines[3]).toMatch(/^  error: 1 \| export default function prompt\(/);
    expect(lines).toContain('error: boom');
    expect(lines.filter((l) => /^ {6}at /.test(l))).toHaveLength(2);
    expect(lines.at(-2)).toBe(',');
    expect(lines.at(-1)).toBe('}');
    expect(groupRecords('files/gateway.err', lines)).toHaveLength(1);
  });

  it('prints arrays inline, nested objects indented, and an empty object on one line', () => {
    const text = bunRecord('x', { channels: ['a', 'b'], nested: { k: 1 }, none: {} });
    expect(text).toContain('  channels: [ "a", "b" ],');
    expect(text).toContain('  nested: {\n    k: 1,\n  },');
    expect(text).toContain('  none: {},');
  });

  it('prints a lone Error argument of console.warn as `warn: message`, its stack after a blank line', () => {
    const text = bunConsole('warn', '[gateway:redis] initial connect failed — will retry', bunErrorValue('connect ECONNREFUSED 127.0.0.1:6379', { thrower: 'socket-connect', props: { code: 'ECONNREFUSED' } }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('[gateway:redis] initial connect failed — will retry warn: connect ECONNREFUSED 127.0.0.1:6379');
    expect(lines.indexOf('')).toBeGreaterThan(0);
    expect(lines[lines.indexOf('') + 1]).toMatch(/^ {6}at connect \(\/Users\/joel\/Code\/joelhooks\/joelclaw\/node_modules\/ioredis\//);
  });
});

describe('launchctl', () => {
  it('prints a registered service whose fields the real diagnose regexes read', () => {
    const { stdout } = launchctlPrint({ domain: 'gui/501', state: 'running', pid: 4242, path: '/p', program: '/prog' });
    expect(stdout.split('\n')[0]).toBe('gui/501/com.joel.gateway = {');
    expect(field(stdout, 'pid')).toBe('4242');
    expect(field(stdout, 'state')).toBe('running');
    expect(field(stdout, 'last exit code')).toBe('(never exited)');
  });

  it('lists disabled services in the `=> disabled` form the diagnose matches', () => {
    const { stdout } = launchctlPrintDisabled('gui/501', { 'com.joel.gateway': 'disabled' });
    expect(stdout).toMatch(/"com\.joel\.gateway" => disabled/i);
  });

  it('fails with exit 113 for a service not loaded in the domain', () => {
    const a = launchctlNotFound('gui/501');
    expect(a.exitCode).toBe(113);
    expect(a.stderr).toContain('Could not find service "com.joel.gateway" in domain for user gui: 501');
  });
});

describe('ps, colima, otel, health', () => {
  it('prints etime as [[dd-]hh:]mm:ss', () => {
    expect(psEtime(75)).toBe('01:15');
    expect(psEtime(3 * 3600 + 5)).toBe('03:00:05');
    expect(psEtime(2 * 86_400 + 60)).toBe('02-00:01:00');
  });

  it('prints the macOS ps header and a start time in the C locale', () => {
    const { stdout } = psTable([{ pid: 4242, ppid: 1, elapsedSec: 3660, command: 'bun run daemon.ts' }]);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('  PID  PPID STARTED                          ELAPSED COMMAND');
    const row = lines.find((l) => l.includes('daemon.ts'))!;
    expect(row).toMatch(/^ 4242     1 Fri Nov 27 10:59:00 2026 +01:01:00 bun run daemon\.ts$/);
  });

  it('answers colima status with JSON when running and a fatal stderr line with exit 1 when not', () => {
    expect(JSON.parse(colimaStatus(true).stdout)).toMatchObject({ runtime: 'docker', ip_address: expect.any(String) });
    const down = colimaStatus(false);
    expect(down.exitCode).toBe(1);
    expect(down.stderr).toMatch(/^time="[^"]+" level=fatal msg="colima is not running"\n$/);
  });

  it('wraps matching OTEL events in the clickhouse-otel search envelope, newest first', () => {
    const events = [
      otelEvent({ component: 'daemon', action: 'daemon.started', minutesAgo: 30 }),
      otelEvent({ component: 'command-queue', action: 'queue.prompt.sent', minutesAgo: 5 }),
    ];
    const out = JSON.parse(otelSearch('command-queue', events, { hours: 1 }).stdout);
    expect(out.ok).toBe(true);
    expect(out.result).toMatchObject({ query: 'command-queue', found: 1, page: 1, adapter: 'clickhouse-otel' });
    expect(out.result.events[0].action).toBe('queue.prompt.sent');
    expect(out.result.facets.map((f: { field_name: string }) => f.field_name)).toEqual(['level', 'source', 'component', 'success']);
    expect(JSON.parse(otelSearch('gateway', events).stdout).result.events.map((e: { ts: string }) => e.ts)).toEqual(
      [...events].map((e) => e.ts).sort().reverse(),
    );
  });

  it('builds a /health body whose mode drives healthy and the redis component', () => {
    const b = healthBody({ mode: 'redis_degraded' }) as { healthy: boolean; available: boolean; components: { redis: string } };
    expect(b.available).toBe(true);
    expect(b.healthy).toBe(false);
    expect(b.components.redis).toBe('degraded');
  });
});

describe('session transcript and config files', () => {
  it('chains entry ids through parentId after a v3 header', () => {
    const text = sessionJsonl('s-1', '2026-11-27T10:00:00.000Z', [
      userMessage('hi', '2026-11-27T10:01:00.000Z'),
      assistantText('hello', '2026-11-27T10:01:05.000Z'),
      compaction(100_000, '2026-11-27T10:02:00.000Z'),
    ]);
    const [header, ...entries] = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(header).toMatchObject({ type: 'session', version: 3, id: 's-1' });
    expect(entries[0].parentId).toBeNull();
    expect(entries[1].parentId).toBe(entries[0].id);
    expect(entries[0].id).toMatch(/^[0-9a-f]{8}$/);
    expect(entries[0].message.content[0].text).toMatch(/^---\nChannel: telegram\n[\s\S]*\n---\nhi$/);
    expect(entries[2].firstKeptEntryId).toBe(entries[0].id);
    expect(entries[0].id).toBe(entryId('s-1', 0));
  });

  it('is written by pi, which writes nothing until the first assistant message and then the whole buffer', () => {
    const start = '2026-11-27T10:00:00.000Z';
    const prompt = userMessage('hi', '2026-11-27T10:01:00.000Z');
    const unwritten = piSessionFile('0c9e1f2a-0000-4000-8000-00000000000a', start, [prompt, modelChange('openai-codex', 'gpt-5.4', '2026-11-27T10:01:01.000Z')]);
    expect(unwritten).toEqual({ fileName: '2026-11-27T10-00-00-000Z_0c9e1f2a-0000-4000-8000-00000000000a.jsonl', content: null });
    const written = piSessionFile('0c9e1f2a-0000-4000-8000-00000000000a', start, [prompt, assistantText('hello', '2026-11-27T10:01:05.000Z')]);
    expect(written.content?.trimEnd().split('\n').map((l) => JSON.parse(l).type)).toEqual(['session', 'message', 'message']);
  });

  it('writes the same bytes for the same session on every run', () => {
    const entries = [userMessage('hi', '2026-11-27T10:01:00.000Z'), assistantText('hello', '2026-11-27T10:01:05.000Z')];
    expect(sessionJsonl('s-2', '2026-11-27T10:00:00.000Z', entries)).toBe(sessionJsonl('s-2', '2026-11-27T10:00:00.000Z', entries));
  });

  it('gives slack and internal prompts no channel preamble, as injectChannelContext has no case for them', () => {
    const text = (source: string) => (userMessage('deploy?', '2026-11-27T10:01:00.000Z', { source }).message as { content: Array<{ text: string }> }).content[0]!.text;
    expect(text('slack:C0123:1764237660.000100')).toBe('deploy?');
    expect(text('inngest')).toBe('deploy?');
    expect(text('discord:42')).toMatch(/^---\nChannel: discord\nDate: Friday, November 27, 2026 at 2:01\u202fAM PST\nPlatform capabilities: /);
  });

  it("writes a models.json that pi's own ModelRegistry loads, with the gateway's primary at its window", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gwbundle-models-'));
    try {
      await writeFile(join(dir, 'models.json'), piModelsJson({ primaryContextWindow: 300_000 }));
      const pi = new URL('../../node_modules/@mariozechner/pi-coding-agent/dist/core/', import.meta.url);
      const { ModelRegistry } = (await import(new URL('model-registry.js', pi).href)) as typeof import('../../node_modules/@mariozechner/pi-coding-agent/dist/core/model-registry.js');
      const { AuthStorage } = (await import(new URL('auth-storage.js', pi).href)) as typeof import('../../node_modules/@mariozechner/pi-coding-agent/dist/core/auth-storage.js');
      const registry = ModelRegistry.create(AuthStorage.inMemory(), join(dir, 'models.json'));
      expect(registry.getError()).toBeUndefined();
      expect(registry.find('openai-codex', 'gpt-5.6-sol')).toMatchObject({ contextWindow: 300_000, api: 'openai-codex-responses' });
      expect(registry.find('openai-codex', 'gpt-5.4')?.contextWindow).toBe(272_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes a plist whose EnvironmentVariables hold the fake Telegram token', () => {
    const parsed = parsePlist(plistXml()) as { Label: string; EnvironmentVariables: Record<string, string> };
    expect(parsed.Label).toBe('com.joel.gateway');
    expect(parsed.EnvironmentVariables.TELEGRAM_BOT_TOKEN).toMatch(/^\d{8,10}:[A-Za-z0-9_-]{35}$/);
  });

  it('writes a start script with lease lines, literals and SLACK_BOT_TOKEN without export', () => {
    const s = startScript();
    expect(s).toContain('export TELEGRAM_BOT_TOKEN="$(lease_secret_or_empty telegram_bot_token)"');
    expect(s).toMatch(/^SLACK_BOT_TOKEN="xoxb-/m);
    expect(s).toContain('DAEMON="/Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts"');
  });

  it('plants fake secrets in their real formats', () => {
    expect(FAKE.githubToken).toMatch(/^ghp_[A-Za-z0-9_]{36}$/);
    expect(FAKE.awsAccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(FAKE.anthropicKey).toMatch(/^sk-ant-api03-[A-Za-z0-9_-]{90,128}AA$/);
    expect(FAKE.slackBotToken).toMatch(/^xoxb-\d+-\d+-[A-Za-z0-9]+$/);
    expect(new Set(PLANTED_SECRETS).size).toBe(PLANTED_SECRETS.length);
  });
});

import { describe, expect, it } from 'vitest';
import { groupRecords } from '../../src/replay/records.js';
import { PATHS } from '../helpers/simulated-host/spec.js';
import { CAPTURED_AT, PLANTED_SECRETS, PRESETS, SOURCE_DATE_EPOCH } from '../helpers/simulated-host/presets.js';
import type { SimulatedHostSpec } from '../helpers/simulated-host/spec.js';

const err = (s: SimulatedHostSpec) => s.files[PATHS.gatewayErr]?.content ?? '';
const log = (s: SimulatedHostSpec) => s.files[PATHS.gatewayLog]?.content ?? '';
const transcript = (s: SimulatedHostSpec) => {
  const path = Object.keys(s.files).find((p) => p.startsWith(PATHS.sessionDir(s.home)) && !p.includes('2026-11-26'));
  return path ? s.files[path]!.content.trimEnd().split('\n').map((l) => JSON.parse(l)) : [];
};
const health = (s: SimulatedHostSpec) => (typeof s.health === 'object' ? JSON.parse(s.health.body) : null);
const answer = (s: SimulatedHostSpec, cmd: 'launchctl' | 'ps' | 'pi' | 'colima' | 'joelclaw', key: string) => s.commands[cmd]?.[key];
const otel = (s: SimulatedHostSpec, q: string) => JSON.parse(answer(s, 'joelclaw', `otel search ${q}`)!.stdout).result.events.map((e: { action: string }) => e.action);
const records = (text: string) => groupRecords('x', text.split('\n').filter((_, i, a) => i < a.length - 1 || a[i] !== ''));

describe('preset evidence', () => {
  it('puts the capture clock at 2026-11-27T12:00Z and its SOURCE_DATE_EPOCH', () => {
    expect(CAPTURED_AT).toBe('2026-11-27T12:00:00.000Z');
    expect(new Date(Number(SOURCE_DATE_EPOCH) * 1000).toISOString()).toBe(CAPTURED_AT);
  });

  it.each(Object.keys(PRESETS))('keeps every %s timestamp at or before the capture and its transcript inside 2 h', (name) => {
    const s = PRESETS[name]!();
    for (const f of Object.values(s.files)) if (f.mtime) expect(Date.parse(f.mtime)).toBeLessThanOrEqual(Date.parse(CAPTURED_AT));
    for (const e of transcript(s)) {
      expect(Date.parse(e.timestamp)).toBeLessThanOrEqual(Date.parse(CAPTURED_AT));
      expect(Date.parse(e.timestamp)).toBeGreaterThanOrEqual(Date.parse(CAPTURED_AT) - 2 * 3600_000);
    }
    for (const r of records(err(s))) expect(r.text.endsWith('{')).toBe(false);
  });

  it('shows a consistent healthy machine', () => {
    const s = PRESETS.healthy!();
    expect(s.files[PATHS.pidFile]!.content).toBe('4242\n');
    expect(answer(s, 'launchctl', 'print gui/501/com.joel.gateway')!.stdout).toContain('\tpid = 4242');
    expect(answer(s, 'ps', '*')!.stdout).toMatch(/^ 4242 .*packages\/gateway\/src\/daemon\.ts$/m);
    expect(health(s)).toMatchObject({ ok: true, healthy: true, mode: 'normal' });
    expect(err(s)).toBe('');
    expect(log(s)).toContain('[gateway] daemon started {');
    const last = transcript(s).filter((e) => e.message?.role === 'assistant').at(-1);
    expect(last.message.usage.totalTokens / 200_000).toBeCloseTo(0.31, 2);
    expect(Date.parse(CAPTURED_AT) - Date.parse(s.files[PATHS.heartbeat]!.mtime!)).toBe(5 * 60_000);
    expect(otel(s, 'command-queue')).toContain('queue.prompt.sent');
    expect(answer(s, 'pi', '*')!.stdout.trim()).toBe('0.70.2');
  });

  it('plants every fake secret somewhere in the healthy machine', () => {
    const all = Object.values(PRESETS.healthy!().files).map((f) => f.content).join('\n');
    for (const secret of PLANTED_SECRETS) expect(all).toContain(secret);
  });

  it('shows the substrate outage of scenario 0', () => {
    const s = PRESETS['s0-substrate']!();
    expect(answer(s, 'colima', '*')!.exitCode).toBe(1);
    expect(s.k8s).toBe('unreachable');
    expect(s.commands.kubectl!['*get nodes*']!.stderr).toContain('127.0.0.1:6443 was refused');
    expect(s.redis).toBe('refused');
    expect(health(s)).toMatchObject({ mode: 'redis_degraded', available: true });
  });

  it('shows the streaming race and watchdog restart of scenario 1', () => {
    const s = PRESETS['s1-streaming-race']!();
    const failed = records(err(s)).filter((r) => r.head === 'command-queue: prompt failed {');
    expect(failed.map((r) => /consecutiveFailures: (\d+)/.exec(r.text)![1])).toEqual(['1', '2', '3']);
    expect(failed[0]!.text).toContain("error: Agent is already processing. Specify streamingBehavior ('steer' or 'followUp') to queue the message.");
    expect(err(s)).toContain('session appears dead — too many consecutive prompt failures');
    expect(log(s)).toContain('[gateway] shutting down {\n  signal: "watchdog:dead-session",\n}');
    expect(log(s).split('[gateway] daemon started').length - 1).toBe(2);
    expect(JSON.parse(s.files[PATHS.lifecycle]!.content)).toMatchObject({ status: 'completed', reason: 'watchdog:dead-session' });
  });

  it('shows the fallback swap of scenario 2 in err, /health and the transcript', () => {
    const s = PRESETS['s2-model-timeout']!();
    expect(err(s)).toContain('[gateway:fallback] activated {\n  reason: "no streaming tokens after 120s",\n  fallback: "openai-codex/gpt-5.4",\n  activationCount: 1,\n}');
    expect(health(s).status.fallback).toMatchObject({ active: true, model: 'openai-codex/gpt-5.4', activationCount: 1 });
    expect(transcript(s).some((e) => e.type === 'model_change' && e.modelId === 'gpt-5.4')).toBe(true);
  });

  it('shows expired auth, stuck events and an errored turn in scenario 2a', () => {
    const s = PRESETS['s2a-auth-expired']!();
    expect(err(s)).toContain(`error: Authentication failed for "anthropic".`);
    const events = (s.redis as { eventLists: Record<string, Array<{ ts: number }>> }).eventLists['joelclaw:events:gateway']!;
    expect(events.every((e) => Date.parse(CAPTURED_AT) - e.ts > 10 * 60_000)).toBe(true);
    expect(transcript(s).at(-1).message).toMatchObject({ stopReason: 'error', errorMessage: expect.stringContaining('Authentication failed') });
  });

  it('shows pi version skew in scenario 2b', () => {
    const s = PRESETS['s2b-pi-skew']!();
    expect(answer(s, 'pi', '*')!.stdout.trim()).toBe('0.74.1');
    expect(JSON.parse(s.files[PATHS.gatewayPackageJson]!.content).dependencies['@mariozechner/pi-coding-agent']).toBe('0.70.2');
    expect(err(s)).toContain('pi model not found: openai-codex/gpt-5.4');
    expect(otel(s, 'model_fallback')).toContain('model_fallback.probe_failed');
  });

  it('shows model drift without fallback in scenario 2c', () => {
    const s = PRESETS['s2c-model-drift']!();
    expect(health(s).status).toMatchObject({ model: 'openai-codex/gpt-5.4', fallback: { active: false } });
    expect((s.redis as { config: { model: string } }).config.model).toBe('gpt-5.6-sol');
    expect(transcript(s).filter((e) => e.message?.role === 'assistant').at(-1).message.model).toBe('gpt-5.4');
    expect(log(s)).toContain('model: "openai-codex/gpt-5.4"');
  });

  it('ends scenario 3 in a tool call without result 14 min before capture', () => {
    const s = PRESETS['s3-stuck-tool']!();
    const last = transcript(s).at(-1);
    expect(last.message.content[0]).toMatchObject({ type: 'toolCall', name: 'bash' });
    expect(Date.parse(CAPTURED_AT) - Date.parse(last.timestamp)).toBe(14 * 60_000);
    expect(health(s)).toMatchObject({ available: false, components: { session: 'stuck (840s)' } });
    expect((s.health as { status: number }).status).toBe(503);
  });

  it('shows redis_degraded with a restarted redis-0 in scenario 4 and a flood in 4a', () => {
    const s4 = PRESETS['s4-redis-degraded']!();
    expect(health(s4).degradedCapabilities.map((c: { key: string }) => c.key)).toEqual(['redis_event_bridge', 'message_replay', 'redis_operational_commands']);
    expect(err(s4)).toContain('ECONNREFUSED');
    expect((s4.k8s as { logs: Record<string, string> }).logs['redis-0.previous']).toBeDefined();
    const s4a = PRESETS['s4a-retry-storm']!();
    expect(records(err(s4a)).filter((r) => r.head.startsWith('[gateway] redis command retries exhausted')).length).toBeGreaterThanOrEqual(30);
    expect(typeof s4a.redis).toBe('object');
  });

  it('shows the telegram conflict of 4c in err, OTEL and /health', () => {
    const s = PRESETS['s4c-telegram-conflict']!();
    expect(err(s)).toContain("Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request");
    expect(otel(s, 'gateway')).toContain('telegram.channel.start_failed');
    expect(health(s).status.channels.telegram).toMatchObject({ pollingState: 'retrying_conflict', conflictStreak: 4 });
  });

  it('shows a prompt after compaction failing without a watchdog restart in scenario 5', () => {
    const s = PRESETS['s5-compaction-race']!();
    expect(transcript(s).slice(-2).map((e) => e.type)).toEqual(['compaction', 'message']);
    expect(err(s)).toContain('Agent is already processing');
    expect(err(s)).not.toContain('session appears dead');
  });

  it('shows dedup drops in scenario 6 and suppressed forwarding in scenario 7', () => {
    const s6 = PRESETS['s6-false-dedup']!();
    expect(log(s6)).toContain('[command-queue] dropped consecutive duplicate {');
    const dedup = JSON.parse(answer(s6, 'joelclaw', 'otel search queue.dedup_dropped')!.stdout).result.events[0];
    expect(dedup.metadata_keys).toEqual(expect.arrayContaining(['dedupHashPrefix', 'normalizedLength']));
    const s7 = PRESETS['s7-console-forward-suppressed']!();
    expect(otel(s7, 'outbound.console_forward')).toContain('outbound.console_forward.suppressed_policy');
    expect(otel(s7, 'outbound.console_forward')).not.toContain('outbound.console_forward.sent');
  });

  it('shows the process-layer presets: disabled, down, stale pid, stale heartbeat', () => {
    const disabled = PRESETS['launchd-disabled']!();
    expect(answer(disabled, 'launchctl', 'print-disabled gui/501')!.stdout).toContain('"com.joel.gateway" => disabled');
    expect(answer(disabled, 'launchctl', 'print gui/501/com.joel.gateway')!.exitCode).toBe(113);
    expect(disabled.health).toBe('refused');
    const down = PRESETS['daemon-down']!();
    expect(answer(down, 'launchctl', 'print gui/501/com.joel.gateway')!.stdout).toMatch(/state = not running[\s\S]*last exit code = 1/);
    expect(down.wsPortFile).toBe(false);
    expect(PRESETS['stale-pid-file']!().files[PATHS.pidFile]!.content).toBe('3999\n');
    const stale = PRESETS['heartbeat-stale']!();
    expect(Date.parse(CAPTURED_AT) - Date.parse(stale.files[PATHS.heartbeat]!.mtime!)).toBe(3 * 3600_000);
    expect(answer(stale, 'ps', '*')!.stdout).toMatch(/ 06:00:00 \S*bun run .*daemon\.ts/);
  });

  it("shows critical session pressure at 79% of gpt-5.6-sol's 272k window", () => {
    const s = PRESETS['session-pressure-critical']!();
    const last = transcript(s).filter((e) => e.message?.role === 'assistant').at(-1);
    expect(Math.round((last.message.usage.totalTokens / 272_000) * 100)).toBe(79);
  });

  it('shows the slim transport, alone and beside a legacy poller', () => {
    const slim = PRESETS['slim-transport']!();
    expect(log(slim)).toContain('[gateway:transport] slim transport ready {\n  fallbackChannel: "telegram",');
    expect(slim.wsPortFile).toBe(false);
    expect(Object.keys(slim.files).some((p) => p.endsWith('.jsonl'))).toBe(false);
    expect(slim.files[PATHS.sessionIdFile(slim.home)]).toBeUndefined();
    expect((slim.redis as { extraKeys: Record<string, string> }).extraKeys['gateway:agent:heartbeat']).toMatch(/^\d+$/);
    const both = PRESETS['legacy-daemon-polling']!();
    const ps = answer(both, 'ps', '*')!.stdout;
    expect(ps).toContain('transport-daemon.ts');
    expect(ps).toMatch(/^ 3377  8810 .*\/daemon\.ts$/m);
    expect(err(both)).toContain('409: Conflict');
  });
});

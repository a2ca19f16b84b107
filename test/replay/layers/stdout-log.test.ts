import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import stdoutLog from '../../../src/replay/layers/stdout-log.js';
import { stdoutFlow } from '../../../src/replay/stdout-flow.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';

// Seed layer 3 over real-shaped gateway.log tails (facts §1.1, §2.4 L9, §8.10). The fallback activation lives in
// gateway.err (facts §0.7), its recovery and notify texts in gateway.log.

const ERR = A.gatewayErrLog.id;
const LOG = A.gatewayLog.id;

const STARTED = '[gateway] daemon started {\n  pid: 41234,\n  sessionId: "0c9e4a52",\n  model: "openai-codex/gpt-5.6-sol",\n  channels: [ "telegram", "redis" ],\n  wsPort: 3018,\n}';
const SLIM_READY = '[gateway:transport] slim transport ready {\n  fallbackChannel: "telegram",\n  configured: [ "telegram" ],\n}';
const RECEIVED = '[gateway:telegram] message received {\n  chatId: 123456,\n  length: 18,\n}';
const PERSISTED = '[gateway:store] persisted inbound message {\n  streamId: "1795780800000-0",\n  source: "telegram:123456",\n  priority: "P1",\n}';
const DISPATCHED = '[gateway:fallback] prompt dispatched, starting timeout watch {\n  timeoutMs: 120000,\n  fallback: "openai-codex/gpt-5.4",\n}';
const READY = '[gateway] response ready {\n  source: "telegram:123456",\n  length: 412,\n}';
const NOTIFY_FALLBACK = '[gateway:fallback] ⚠️ Gateway falling back to openai-codex/gpt-5.4\nReason: no streaming tokens after 120s\nWill probe primary every 10min';
const RECOVERED = '[gateway:fallback] recovered to primary {\n  primary: "openai-codex/gpt-5.6-sol",\n}';
const NOTIFY_RECOVERED = '[gateway:fallback] ✅ Gateway recovered to primary model: openai-codex/gpt-5.6-sol';
const ACTIVATED = '[gateway:fallback] activated {\n  reason: "no streaming tokens after 120s",\n  fallback: "openai-codex/gpt-5.4",\n  activationCount: 1,\n}';
const REPLAYED = '[gateway:store] replayed unacked messages into priority queue {\n  count: 2,\n  indexed: 2,\n}';
const shutdown = (signal: string) => `[gateway] shutting down {\n  signal: "${signal}",\n}`;

const log = (...records: string[]) => `${records.join('\n')}\n`;
const HEALTHY = log(STARTED, REPLAYED, RECEIVED, PERSISTED, DISPATCHED, READY);
const ctxOf = (files: Record<string, ArtifactInput>) => createContext(bundleFrom(files));
const run = (files: Record<string, ArtifactInput>) => stdoutLog.run(ctxOf(files));
const ids = (files: Record<string, ArtifactInput>) => run(files).findings.map((f) => f.messageId);

describe('the stdout-log layer', () => {
  it('is ok for a legacy daemon whose prompts all got a response, with the flow counted', () => {
    const r = run({ [LOG]: HEALTHY });
    expect(r).toMatchObject({ id: 'stdout-log', seedLayer: 3, status: 'ok' });
    expect(r.detail).toContain('legacy runtime, last startup at line 1');
    expect(r.findings.find((f) => f.messageId === 'eventFlow')?.text).toBe(
      'flow: 1 received, 1 persisted, 1 prompt(s) dispatched, 1 response(s) ready',
    );
    expect(r.findings.find((f) => f.messageId === 'unackedReplay')?.text).toContain('replayed 2 unacked');
    expect(r.findings.find((f) => f.messageId === 'lastStartup')?.evidence[0]).toEqual({ artifact: LOG, line: 1 });
    expect(r.findings.find((f) => f.messageId === 'lastStartup')?.text).toBe(
      'last startup (legacy runtime): pid 41234, model openai-codex/gpt-5.6-sol, session 0c9e4a52',
    );
  });

  it('is unknown with the collector reason when gateway.log was not collected, and when it is empty', () => {
    const missing = run({ [LOG]: { status: 'error', reason: 'permission denied' } });
    expect(missing.status).toBe('unknown');
    expect(missing.reason).toContain('permission denied');
    expect(run({ [LOG]: '' })).toMatchObject({ status: 'unknown', reason: expect.stringContaining('empty') });
  });

  it('recognises the slim transport runtime', () => {
    const flow = stdoutFlow(ctxOf({ [LOG]: log(SLIM_READY) }));
    expect(flow?.runtime).toBe('slim');
    expect(stdoutFlow(ctxOf({ [LOG]: log(RECEIVED) }))?.runtime).toBe('unknown');
  });

  it('is degraded while on the fallback model, from the notify text after the last recovery', () => {
    const r = run({ [LOG]: log(STARTED, DISPATCHED, NOTIFY_FALLBACK, READY), [ERR]: log(ACTIVATED) });
    expect(r.status).toBe('degraded');
    expect(r.detail).toContain('on fallback model');
    expect(r.findings.find((f) => f.messageId === 'onFallback')?.evidence).toContainEqual({ artifact: ERR, line: 1 });
  });

  it('counts gateway.err activations against gateway.log recoveries when a notice was suppressed by its cooldown', () => {
    const files = { [LOG]: log(STARTED, NOTIFY_FALLBACK, RECOVERED, NOTIFY_RECOVERED, DISPATCHED, READY), [ERR]: log(ACTIVATED, ACTIVATED) };
    expect(stdoutFlow(ctxOf(files))?.fallback.current).toBe(true);
    expect(run({ ...files, [ERR]: log(ACTIVATED) }).status).toBe('ok');
    expect(ids({ ...files, [ERR]: log(ACTIVATED) })).toContain('fallbackRecovered');
  });

  it('trusts a fresh startup with no fallback notice since as back on the primary model', () => {
    const r = run({ [LOG]: log(NOTIFY_FALLBACK, shutdown('SIGTERM'), STARTED, DISPATCHED, READY), [ERR]: log(ACTIVATED) });
    expect(r.status).toBe('ok');
    expect(r.findings.find((f) => f.messageId === 'fallbackRecovered')?.text).toContain('no fallback notice since the last startup');
  });

  it('is degraded by a watchdog restart and notes the delivery that followed it', () => {
    const r = run({ [LOG]: log(STARTED, DISPATCHED, shutdown('watchdog:stuck-recovery-timeout'), STARTED, DISPATCHED, READY) });
    expect(r.status).toBe('degraded');
    expect(r.findings.find((f) => f.messageId === 'watchdogRestart')?.text).toContain('watchdog:stuck-recovery-timeout');
    expect(r.findings.find((f) => f.messageId === 'deliveryAfterRestart')?.text).toBe(
      '1 response(s) ready since the daemon restarted after watchdog:stuck-recovery-timeout',
    );
  });

  it('leaves a watchdog restart that started a daemon healthy for hours as history, not degraded', () => {
    const ps = '  PID  PPID STARTED                          ELAPSED COMMAND\n41234     1 Fri Nov 27 09:00:00 2026        03:00:00 bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts\n';
    const files = { [LOG]: log(STARTED, DISPATCHED, shutdown('watchdog:dead-session'), STARTED, DISPATCHED, READY) };
    expect(run({ ...files, [A.ps.id]: ps }).status).toBe('ok');
    expect(run({ ...files, [A.ps.id]: ps.replace('03:00:00', '   12:00') }).status).toBe('degraded');
    expect(ids({ ...files, [A.ps.id]: ps })).toContain('watchdogRestart');
  });

  it('is not degraded by an operator restart', () => {
    const r = run({ [LOG]: log(STARTED, shutdown('SIGTERM'), STARTED, DISPATCHED, READY) });
    expect(r.status).toBe('ok');
    expect(r.findings.find((f) => f.messageId === 'shutdowns')?.text).toBe('1 other shutdown(s) (SIGTERM)');
  });

  it('fails when prompts were dispatched with no response ready after them: a mute gateway, however clean gateway.err is', () => {
    const r = run({ [LOG]: log(STARTED, DISPATCHED, READY, RECEIVED, DISPATCHED, DISPATCHED), [ERR]: '' });
    expect(r.status).toBe('failed');
    expect(r.detail).toContain('2 prompt(s) dispatched, none answered: mute');
    const unanswered = r.findings.find((f) => f.messageId === 'unansweredPrompt');
    expect(unanswered?.severity).toBe('error');
    expect(unanswered?.text).toBe('2 prompt(s) dispatched since the last response ready and none answered: nobody got a reply (a mute gateway, however clean gateway.err is)');
    const firstLate = log(STARTED, DISPATCHED, READY, RECEIVED).split('\n').length; // the line after those records
    expect(unanswered?.evidence[0]?.line).toBe(firstLate);
  });

  it('fails on a run of prompts that never got any response at all (the black hole)', () => {
    const r = run({ [LOG]: log(STARTED, ...Array.from({ length: 5 }, () => [RECEIVED, PERSISTED, DISPATCHED]).flat()) });
    expect(r.status).toBe('failed');
    expect(r.findings.find((f) => f.messageId === 'eventFlow')?.text).toBe('flow: 5 received, 5 persisted, 5 prompt(s) dispatched, 0 response(s) ready');
  });

  it('treats one dispatched prompt without a response as in flight at capture, not as a stall', () => {
    const r = run({ [LOG]: log(STARTED, DISPATCHED, READY, RECEIVED, DISPATCHED) });
    expect(r.status).toBe('ok');
    expect(r.findings.find((f) => f.messageId === 'promptInFlight')?.severity).toBe('info');
    expect(r.findings.some((f) => f.messageId === 'unansweredPrompt')).toBe(false);
  });

  it('says when gateway.log was cut to a tail and lists gateway.log pattern hits', () => {
    const dedup = '[command-queue] dropped consecutive duplicate {\n  source: "telegram:123456",\n}';
    const content = log(dedup, DISPATCHED, READY);
    const r = run({ [LOG]: { content, status: 'truncated', truncations: [{ reason: 'artifact-cap', kept: 'tail', bytesCut: 900 }] } });
    expect(r.findings.map((f) => f.messageId)).toEqual(expect.arrayContaining(['noStartup', 'logTruncated', 'pattern:dedup-dropped']));
    expect(r.status).toBe('ok');
  });

  it('parses the flow once per context', () => {
    const ctx = ctxOf({ [LOG]: HEALTHY });
    expect(stdoutFlow(ctx)).toBe(stdoutFlow(ctx));
    expect(stdoutFlow(ctxOf({}))).toBeNull();
  });
});

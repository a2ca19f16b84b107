import { afterEach, describe, expect, it, vi } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { createContext } from '../../src/replay/context.js';
import { TIMELINE_IMPORTANT, TIMELINE_RECENT, buildTimeline } from '../../src/replay/timeline.js';
import { lstartToMs } from '../../src/replay/timeline/processes.js';
import type { TimelineEntry } from '../../src/replay/types.js';
import { CAPTURED_AT, bundleFrom, manifestFrom } from '../helpers/bundle-from.js';
import { viewFromContents } from '../../src/bundle/view.js';
import { assistantText, sessionJsonl, userMessage } from '../helpers/simulated-host/formats/session-jsonl.js';
import { minutesBefore } from '../helpers/simulated-host/spec.js';
import { bundleOfPreset } from './scenarios/host-bundle.js';
import { eventObject } from '../helpers/fake-k8s.js';

const timeline = (view: ReturnType<typeof bundleFrom>) => buildTimeline(createContext(view));
const find = (t: TimelineEntry[], source: string, text: RegExp) => t.find((e) => e.source === source && text.test(e.text));
const lineAt = (view: ReturnType<typeof bundleFrom>, e: TimelineEntry | undefined) => view.text(e!.artifact!)!.split('\n')[e!.line! - 1] ?? '';

describe('buildTimeline', () => {
  afterEach(() => vi.useRealTimers());

  it('gives only the capture entry for a bundle where everything is missing', () => {
    expect(timeline(bundleFrom({}))).toEqual([{ at: CAPTURED_AT, source: 'capture', text: 'bundle captured', capture: true }]);
  });

  it('orders every entry by time with the capture entry last among equals', () => {
    const t = timeline(bundleOfPreset('s1-streaming-race'));
    const times = t.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const capture = t.findIndex((e) => e.capture);
    expect(t.slice(capture + 1)).toEqual([]);
    expect(t.filter((e) => e.capture)).toHaveLength(1);
  });

  it('merges the restart from the lifecycle marker, OTEL, the startup record, ps and the pid file', () => {
    const view = bundleOfPreset('s1-streaming-race');
    const t = timeline(view);
    const restart = '2026-11-27T11:48:00.000Z';
    expect(find(t, 'lifecycle', /restart completed: pid 3987 → 4242/)).toMatchObject({ at: restart, artifact: A.lifecycleMarker.id });
    expect(find(t, 'otel', /daemon daemon\.started/)?.at).toBe(restart);
    expect(find(t, 'ps', /daemon\.ts pid 4242/)).toMatchObject({ at: restart, artifact: A.ps.id });
    expect(find(t, 'file', /PID file/)?.at).toBe(restart);
    const fromLog = find(t, 'log', /completedAt in "\[gateway\] daemon started"/);
    expect(fromLog?.at).toBe(restart);
    expect(lineAt(view, fromLog)).toContain('completedAt:');
    const dead = find(t, 'otel', /watchdog\.session_dead/);
    expect(Date.parse(dead!.at)).toBeLessThan(Date.parse(restart));
  });

  it('places transcript prompts, tool calls, replies, errors, model changes and compactions at their lines', () => {
    const view = bundleOfPreset('s2-model-timeout');
    const t = timeline(view);
    const change = find(t, 'session', /model changed to openai-codex\/gpt-5\.4/);
    expect(change?.at).toBe(minutesBefore(14));
    expect(lineAt(view, change)).toContain('"type":"model_change"');
    expect(find(t, 'session', /^compaction \(141200 tokens before\)$/)?.at).toBe(minutesBefore(70));
    expect(find(t, 'session', /^tool call: bash$/)).toBeDefined();
    expect(find(t, 'session', /^user prompt: did the deploy finish\?$/)?.at).toBe(minutesBefore(16));
    expect(find(t, 'health', /fallback active on openai-codex\/gpt-5\.4/)?.at).toBe(minutesBefore(14));
    const dispatched = find(t, 'log', /promptDispatchedAt/);
    expect(dispatched).toMatchObject({ at: minutesBefore(16), artifact: A.gatewayErrLog.id });
    expect(lineAt(view, dispatched)).toContain('promptDispatchedAt:');
    const errors = timeline(bundleOfPreset('s2a-auth-expired'));
    expect(find(errors, 'session', /^assistant error: Authentication failed for "anthropic"/)?.at).toBe(minutesBefore(6.9));
  });

  it('reads times from Redis stream ids and queued event ts', () => {
    const view = bundleOfPreset('s2a-auth-expired');
    const t = timeline(view);
    const id = `${Date.parse(minutesBefore(20))}-0`;
    const entry = find(t, 'redis', new RegExp(`unacked stream entry ${id} from telegram:8675309`));
    expect(entry?.at).toBe(minutesBefore(20));
    expect(lineAt(view, entry)).toContain(id);
    expect(find(t, 'redis', /event deploy\.succeeded from inngest waiting in joelclaw:events:gateway/)?.at).toBe(minutesBefore(25));
  });

  it('dates a repeating k8s event by series.lastObservedTime and counts series.count', () => {
    const event = eventObject('repeating', 'joelclaw', { reason: 'FailedScheduling', message: '0/1 nodes are available', lastTimestamp: minutesBefore(10), series: { count: 37, firstTime: minutesBefore(180) } });
    const t = timeline(bundleFrom({ [A.k8sEvents.id]: JSON.stringify({ kind: 'EventList', apiVersion: 'v1', items: [event] }) }));
    expect(find(t, 'k8s', /Warning FailedScheduling Pod\/redis-0: 0\/1 nodes are available \(×37\)/)?.at).toBe(minutesBefore(10));
  });

  it('reads k8s events, container terminations, the heartbeat and the mode since', () => {
    const t = timeline(bundleOfPreset('s4-redis-degraded'));
    expect(find(t, 'k8s', /Warning BackOff Pod\/redis-0.*\(×2\)/)?.at).toBe(minutesBefore(14));
    expect(find(t, 'k8s', /pod redis-0 container redis terminated \(OOMKilled, exit 137\)/)).toBeDefined();
    expect(find(t, 'health', /gateway mode redis_degraded since/)?.at).toBe(minutesBefore(45));
    expect(find(t, 'heartbeat', /heartbeat value/)?.at).toBe(minutesBefore(5));
    expect(find(t, 'heartbeat', /mtime/)?.at).toBe(minutesBefore(5));
  });

  it('reads the operator restart and force-new-session markers, and skips times that do not parse', () => {
    const operator = { status: 'failed', requestedAt: minutesBefore(30), completedAt: minutesBefore(29), previousPid: 4242, newPid: null };
    const fresh = { reason: 'context ceiling', requestedAt: minutesBefore(20), summary: 'rotate' };
    const t = timeline(bundleFrom({
      [A.operatorRestartMarker.id]: `${JSON.stringify(operator, null, 2)}\n`,
      [A.forceNewSessionMarker.id]: `${JSON.stringify(fresh, null, 2)}\n`,
      [A.lifecycleMarker.id]: '{"status":"requested","reason":"SIGTERM","requestedAt":"not a time","previousPid":1}',
    }));
    expect(t.map((e) => [e.source, e.text])).toEqual([
      ['operator-restart', 'operator restart requested, pid 4242'],
      ['operator-restart', 'operator restart failed: pid 4242 → ?'],
      ['force-new-session', 'fresh session requested (context ceiling)'],
      ['capture', 'bundle captured'],
    ]);
    expect(t[0]).toMatchObject({ at: minutesBefore(30), artifact: A.operatorRestartMarker.id, line: 3 });
  });

  it('keeps entries after the capture time but marks them as clock skew', () => {
    const later = new Date(Date.parse(CAPTURED_AT) + 5 * 60_000).toISOString();
    const jsonl = sessionJsonl('0c9e1f2a-0000-4000-8000-000000000001', minutesBefore(10), [userMessage('hi', minutesBefore(9)), assistantText('hello', later)]);
    const t = timeline(bundleFrom({ [A.sessionTranscript.id]: jsonl }));
    expect(t.map((e) => e.source)).toEqual(['session', 'session', 'capture', 'session']);
    expect(t[3]).toMatchObject({ at: later, text: expect.stringMatching(/\(after capture: clock skew\?\)$/) });
    expect(t[1]!.text).not.toMatch(/after capture/);
  });

  it('bounds its size to the newest entries plus every error, and says how many it left out', () => {
    const entries = [];
    for (let i = 0; i < 400; i++) {
      const at = new Date(Date.parse(CAPTURED_AT) - (900 - i) * 60_000);
      entries.push(userMessage(`q${i}`, at.toISOString()), assistantText(i < 20 ? '' : `a${i}`, new Date(at.getTime() + 1000).toISOString(), i < 20 ? { stopReason: 'error', errorMessage: `boom ${i}` } : {}));
    }
    const t = timeline(bundleFrom({ [A.sessionTranscript.id]: sessionJsonl('0c9e1f2a-0000-4000-8000-000000000002', minutesBefore(901), entries) }));
    const ordinary = t.filter((e) => !e.capture && !/^assistant error/.test(e.text));
    expect(ordinary).toHaveLength(TIMELINE_RECENT);
    expect(t.filter((e) => /^assistant error: boom \d+$/.test(e.text))).toHaveLength(20);
    expect(ordinary.at(-1)?.text).toBe('assistant reply (stop): a399');
    expect(t.find((e) => e.capture)?.text).toMatch(/281 older left out/);
    expect(TIMELINE_IMPORTANT).toBeGreaterThan(0);
  });

  it('reads ps lstart in the capture time zone, and falls back to etime without one', () => {
    expect(new Date(lstartToMs('Fri Nov 27 03:48:00 2026', 'America/Los_Angeles')!).toISOString()).toBe('2026-11-27T11:48:00.000Z');
    expect(new Date(lstartToMs('Sat Jul  4 10:00:00 2026', 'Europe/Berlin')!).toISOString()).toBe('2026-07-04T08:00:00.000Z');
    expect(lstartToMs('Fri Nov 27 03:48:00 2026', 'Not/AZone')).toBeNull();
    const ps = '  PID  PPID STARTED                          ELAPSED COMMAND\n 4242     1 Fri Nov 27 03:48:00 2026        12:00 bun run /x/packages/gateway/src/daemon.ts\n';
    const { manifest, contents } = manifestFrom({ [A.ps.id]: ps });
    const at = (timeZone: string) => buildTimeline(createContext(viewFromContents({ ...manifest, capture: { ...manifest.capture, timeZone } }, contents))).find((e) => e.source === 'ps')?.at;
    expect(at('America/Los_Angeles')).toBe('2026-11-27T11:48:00.000Z');
    expect(at('Not/AZone')).toBe('2026-11-27T11:48:00.000Z'); // capture time minus etime 12:00
  });

  it('never reads the reader clock', () => {
    const view = bundleOfPreset('s4-redis-degraded');
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    const first = buildTimeline(createContext(view));
    vi.setSystemTime(new Date('2020-06-01T00:00:00Z'));
    expect(buildTimeline(createContext(view))).toEqual(first);
  });
});

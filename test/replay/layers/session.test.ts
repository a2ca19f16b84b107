import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import session, { formatAge, slimRuntimeEvidence } from '../../../src/replay/layers/session.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';
import { transcript } from '../parse/session-fixture.js';

const run = (artifacts: Record<string, ArtifactInput>) => session.run(createContext(bundleFrom(artifacts)));
const withTranscript = (text: string, more: Record<string, ArtifactInput> = {}) => run({ [A.sessionTranscript.id]: text, ...more });
const ids = (r: ReturnType<typeof run>) => r.findings.map((f) => f.messageId);

const LEGACY_PS = '  PID  PPID STARTED ELAPSED COMMAND\n  812     1 Fri Nov 27 09:00:01 2026 02:59:59 bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts\n';
const SLIM_PS = '  PID  PPID STARTED ELAPSED COMMAND\n  901     1 Fri Nov 27 09:00:01 2026 02:59:59 bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/transport-daemon.ts\n';

describe('session layer', () => {
  it('is layer 5 with id session', () => {
    expect([session.id, session.seedLayer]).toEqual(['session', 5]);
  });

  it('is unknown with the absence reason when the transcript was not collected', () => {
    const r = run({});
    expect(r.status).toBe('unknown');
    expect(r.reason).toMatch(/^files\/session\.jsonl was not collected/);
  });

  it('is skipped under the slim transport seen in ps, even without a transcript', () => {
    const r = run({ [A.ps.id]: SLIM_PS });
    expect(r).toMatchObject({ status: 'skipped', reason: 'slim transport: no pi session transcript' });
    expect(r.findings[0]?.evidence).toEqual([{ artifact: A.ps.id, line: 2 }]);
  });

  it('is skipped when the log says the slim transport is ready and ps shows no legacy daemon', () => {
    const log = '[gateway:transport] starting\n[gateway:transport] slim transport ready {\n  fallbackChannel: "telegram",\n  configured: true,\n}\n';
    expect(run({ [A.gatewayLog.id]: log }).status).toBe('skipped');
    expect(slimRuntimeEvidence(createContext(bundleFrom({ [A.gatewayLog.id]: log })))).toEqual({ artifact: A.gatewayLog.id, line: 2 });
    expect(run({ [A.gatewayLog.id]: log, [A.ps.id]: LEGACY_PS }).status).toBe('unknown');
  });

  it('is ok with the turn count and the age of the last completion', () => {
    const r = withTranscript(transcript().header().exchange(30).exchange(12).text(), { [A.ps.id]: LEGACY_PS });
    expect(r.status).toBe('ok');
    expect(r.detail).toBe('2 turns in window, last completed 12 min before capture');
  });

  it('fails on a tool call hanging past the human threshold and cites its line', () => {
    const t = transcript().header().exchange(30).user(6, 'run it').assistant(5, { stop: 'toolUse', toolCalls: [{ id: 'c1', name: 'bash' }] });
    const r = withTranscript(t.text());
    expect(r.status).toBe('failed');
    expect(r.detail).toMatch(/^turn hanging for 5 min \(tool bash\)/);
    expect(r.findings.find((f) => f.messageId === 'sessionHangingTool')?.evidence).toEqual([{ artifact: A.sessionTranscript.id, line: 7 }]);
  });

  it('fails on an internal prompt unanswered past 10 min but not one unanswered for 5 min', () => {
    const old = withTranscript(transcript().header().exchange(30).user(11, 'heartbeat', null).text());
    expect(old.status).toBe('failed');
    expect(old.detail).toMatch(/turn hanging for 11 min \(unanswered prompt\)/);
    const young = withTranscript(transcript().header().exchange(30).user(5, 'heartbeat', null).text());
    expect(young.status).toBe('ok');
    expect(ids(young)).toContain('sessionTurnInProgress');
  });

  it('fails after three consecutive errored turns and degrades on fewer', () => {
    const errored = (t: ReturnType<typeof transcript>, n: number) => {
      for (let i = 0; i < n; i++) t.user(20 - i * 2, `try ${i}`).assistant(19.9 - i * 2, { stop: 'error', errorMessage: 'no streaming tokens after 120s' });
      return t;
    };
    const three = withTranscript(errored(transcript().header().exchange(30), 3).text());
    expect(three.status).toBe('failed');
    expect(three.findings.find((f) => f.messageId === 'sessionConsecutiveErrors')?.evidence.map((e) => e.line)).toEqual([7, 9, 11]);
    const two = withTranscript(errored(transcript().header().exchange(30), 2).text());
    expect(two.status).toBe('degraded');
    expect(ids(two)).toContain('sessionErrors');
  });

  it('degrades on critical pressure but only notes elevated pressure', () => {
    const full = withTranscript(transcript().header().user(10, 'a').assistant(9, { stop: 'stop', text: 'b', tokens: 152_000 }).compaction(2).text());
    expect(full.status).toBe('degraded');
    expect(ids(full)).toContain('sessionPressureCritical');
    const warm = withTranscript(transcript().header().user(10, 'a').assistant(9, { stop: 'stop', text: 'b', tokens: 131_000 }).compaction(2).text());
    expect(warm.status).toBe('ok');
    expect(ids(warm)).toContain('sessionPressureElevated');
  });

  it('degrades on a human prompt that took longer than 3 min', () => {
    const r = withTranscript(transcript().header().user(30, 'slow').assistant(26, { stop: 'stop', text: 'done' }).text());
    expect(r.status).toBe('degraded');
    expect(r.findings.find((f) => f.messageId === 'sessionLongGap')?.evidence.map((e) => e.line)).toEqual([2, 3]);
  });

  it('reports model changes, compactions and unparseable lines as findings with lines', () => {
    const t = transcript().header().raw('not json').exchange(30).modelChange(25, 'openai-codex', 'gpt-5.4').compaction(20).exchange(10);
    const r = withTranscript(t.text());
    expect(ids(r)).toEqual(expect.arrayContaining(['sessionUnparseableLines', 'sessionModelChange', 'sessionCompaction']));
    expect(r.findings.find((f) => f.messageId === 'sessionModelChange')?.evidence[0]?.line).toBe(7);
  });

  it('warns when the transcript is not the session named in gateway.session', () => {
    const r = withTranscript(transcript({ id: 'aaaaaaaa-0000-4000-8000-000000000000' }).header().exchange(10).text(), {
      [A.sessionIdFile.id]: 'bbbbbbbb-0000-4000-8000-000000000000\n',
    });
    expect(ids(r)).toContain('sessionIdMismatch');
  });

  it('notes a transcript cut by the size budget', () => {
    const r = run({ [A.sessionTranscript.id]: { content: transcript().header().exchange(10).text(), status: 'truncated', truncations: [{ reason: 'max-size', kept: 'tail', bytesCut: 5000 }] } });
    expect(r.status).toBe('ok');
    expect(r.findings.find((f) => f.messageId === 'sessionTranscriptTruncated')?.text).toMatch(/max-size, kept tail/);
  });

  it('is unknown when the transcript holds nothing that parses', () => {
    const r = withTranscript('garbage\nmore garbage\n');
    expect(r.status).toBe('unknown');
    expect(r.reason).toMatch(/2 unparseable lines/);
  });

  it('formats ages in seconds, minutes and hours', () => {
    expect([formatAge(42_000), formatAge(7 * 60_000), formatAge(3.5 * 3_600_000)]).toEqual(['42 s', '7 min', '3.5 h']);
  });
});

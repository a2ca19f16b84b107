import { describe, expect, it } from 'vitest';
import { diffDiagnoses } from '../../src/diff/index.js';
import { DiffV1, type Reading } from '../../src/diff/schema.js';
import type { Diagnosis, LayerId, LayerResult } from '../../src/replay/types.js';
import { baseDiagnosis, failedDiagnosis, layer } from '../report/base-diagnosis.js';

// diffDiagnoses is pure: two Diagnosis values in, one DiffResult out. These cases build both sides by hand
// and change one thing at a time; the fixture pairs (test/e2e/diff-fixtures.test.ts) cover real bundles.

const withLayer = (d: Diagnosis, id: LayerId, over: Partial<LayerResult>): Diagnosis => ({ ...d, layers: d.layers.map((l) => (l.id === id ? layer(id, over) : l)) });
const later = (d: Diagnosis, iso: string): Diagnosis => ({ ...d, bundle: { ...d.bundle, sha256: 'b'.repeat(64), collectedAt: iso } });
const reading = (rows: readonly Reading[], id: string): Reading => {
  const r = rows.find((x) => x.id === id);
  if (!r) throw new Error(`no reading ${id} in ${rows.map((x) => x.id).join(', ')}`);
  return r;
};

describe('diffDiagnoses', () => {
  it('says no change for a diagnosis against itself', () => {
    const d = failedDiagnosis();
    const diff = diffDiagnoses(d, d);
    expect(diff.outcome).toBe('no-change');
    expect(diff.summary).toMatch(/^No change/);
    expect(diff.outcome).not.toBe('worse');
    expect([...diff.layers.map((l) => l.change), ...diff.figures.map((f) => f.change), ...diff.machine.map((m) => m.change)].every((c) => c === 'unchanged')).toBe(true);
    expect(diff.scenarios.map((s) => s.change)).toEqual(['still-present']);
    expect(diff.warnings).toEqual(['OLD and NEW are the same bundle.']);
  });

  it('calls a fix better, and names what resolved', () => {
    const diff = diffDiagnoses(failedDiagnosis(), later(baseDiagnosis(), '2026-11-27T14:00:00.000Z'));
    expect(diff.outcome).toBe('better');
    expect(diff.worse).toEqual([]);
    expect(diff.better).toEqual(expect.arrayContaining([expect.stringMatching(/^resolved: error-log failed → ok \(now: error-log looks fine; was: 2 pattern/), 'resolved: scenario 3 (Session stuck)']));
    expect(diff.elapsedSeconds).toBe(7200);
    expect(diff.outcome).not.toBe('worse');
    expect(reading(diff.figures, 'pattern:watchdog-stuck@files/gateway.err')).toMatchObject({ old: 3, new: 0, change: 'down', better: true });
  });

  it('calls a layer that was known and is now unknown lost visibility, with the reason, and worse', () => {
    const now = withLayer(baseDiagnosis(), 'session', { status: 'unknown', reason: 'files/session.jsonl was not collected (missing: no such file)', detail: 'no transcript' });
    const diff = diffDiagnoses(baseDiagnosis(), later(now, '2026-11-27T13:00:00.000Z'));
    expect(diff.layers.find((l) => l.id === 'session')?.change).toBe('lost-visibility');
    expect(diff.worse).toEqual(['lost visibility: session ok → unknown (now: files/session.jsonl was not collected (missing: no such file); was: session looks fine)']);
    expect(diff.outcome).toBe('worse');
    expect(diff.outcome).toBe('worse');
  });

  it('counts a figure that can no longer be seen as worse (exit 3), even when every layer stays the same', () => {
    const old = baseDiagnosis();
    const why = 'files/last-heartbeat.ts was not collected (missing: no such file)';
    const now = baseDiagnosis({ machine: { ...old.machine, heartbeatAgeSec: null }, collection: { ...old.collection, absent: { 'files/last-heartbeat.ts': why } } });
    const diff = diffDiagnoses(old, now);
    expect(diff.layers.every((l) => l.change === 'unchanged')).toBe(true);
    expect(diff.worse).toEqual([`lost visibility: heartbeat age (tripwire file) (known in OLD, unknown in NEW: ${why})`]);
    expect(diff.summary).toBe('Worse: 1 figure no longer known.');
    expect(diff.outcome).toBe('worse');
  });

  it('calls a failure that appears where nothing was known a new failure', () => {
    const old = withLayer(baseDiagnosis(), 'redis', { status: 'unknown', reason: 'redis/ping missing', detail: 'Redis was not probed' });
    const now = withLayer(baseDiagnosis(), 'redis', { status: 'failed', detail: 'Redis unreachable' });
    expect(diffDiagnoses(old, now).worse).toEqual([expect.stringMatching(/^new failure: redis unknown → failed/)]);
  });

  it('counts a scenario that appears on a sick layer as worse, and an informational one as a neutral change', () => {
    const sick = failedDiagnosis();
    expect(diffDiagnoses({ ...sick, scenarios: [] }, sick).worse).toEqual(['appeared: scenario 3 (Session stuck)']);
    const slim = { ...baseDiagnosis(), scenarios: [{ id: 'slim-transport', title: 'Slim transport runs', cause: 'c', fix: [], evidence: [], layer: 'process' as const }] };
    const diff = diffDiagnoses(baseDiagnosis(), slim);
    expect(diff.outcome).toBe('changed');
    expect(diff.outcome).not.toBe('worse');
  });

  it('compares the Redis backlog and says why a figure became unknown', () => {
    const old = baseDiagnosis();
    const backlog = baseDiagnosis({ redis: { ...old.redis!, stream: { length: 5, unacked: 5, oldestAgeMinutes: 42, staleOnReplay: 4 }, eventQueues: [{ key: 'joelclaw:events:gateway', length: 7 }] } });
    const grew = diffDiagnoses(old, backlog);
    expect(reading(grew.figures, 'redis.unacked')).toMatchObject({ old: 0, new: 5, change: 'up', better: false });
    expect(reading(grew.figures, 'redis.unacked.oldest')).toMatchObject({ old: 'none', new: 42, change: 'up', better: false });
    expect(reading(grew.figures, 'redis.queue:joelclaw:events:gateway')).toMatchObject({ old: 0, new: 7, change: 'up' });
    const why = 'redis/messages-stream could not be collected (error: connect ECONNREFUSED 127.0.0.1:6379)';
    const gone = baseDiagnosis({ redis: null, collection: { ...old.collection, absent: { 'redis/messages-stream': why } } });
    const lost = diffDiagnoses(old, gone);
    expect(reading(lost.figures, 'redis.unacked')).toMatchObject({ old: 0, new: null, newWhy: why, change: 'lost-visibility', better: false });
  });

  it('counts a pattern as 0 where its log was read, and unknown where it was not', () => {
    const old = failedDiagnosis();
    const read = diffDiagnoses(old, baseDiagnosis());
    expect(reading(read.figures, 'pattern:streaming-retry@files/gateway.err')).toMatchObject({ old: 2, new: 0 });
    const why = 'files/gateway.err was not collected (missing: no such file)';
    const unread = diffDiagnoses(old, baseDiagnosis({ collection: { ...old.collection, absent: { 'files/gateway.err': why } } }));
    expect(reading(unread.figures, 'pattern:streaming-retry@files/gateway.err')).toMatchObject({ old: 2, new: null, newWhy: why, change: 'lost-visibility' });
  });

  it('compares the machine: pi skew, config values, environment variable names and redaction', () => {
    const old = baseDiagnosis();
    const now = baseDiagnosis({
      machine: { ...old.machine, pi: { machine: '0.74.1', pinned: '0.70.2' }, plist: { program: old.machine.plist!.program, environmentNames: ['HOME', 'OPENAI_API_KEY'] } },
      redis: { ...old.redis!, config: { primaryModel: 'gpt-5.4', fallbackModel: 'gpt-5.4' } },
      collection: { ...old.collection, redactions: { ...old.collection.redactions, enabled: false } },
    });
    const m = diffDiagnoses(old, now).machine;
    expect(reading(m, 'pi.machine')).toMatchObject({ old: '0.70.2', new: '0.74.1', change: 'changed' });
    expect(reading(m, 'pi.skew')).toMatchObject({ old: 'same', new: 'differ', change: 'up', better: false });
    expect(reading(m, 'config:primaryModel')).toMatchObject({ old: 'gpt-5.6-sol', new: 'gpt-5.4', change: 'changed' });
    expect(reading(m, 'config:fallbackModel')).toMatchObject({ old: '(unset)', new: 'gpt-5.4' });
    expect(reading(m, 'plist.environmentNames')).toMatchObject({ note: 'added OPENAI_API_KEY; removed TELEGRAM_BOT_TOKEN' });
    expect(reading(m, 'redaction')).toMatchObject({ old: 'on', new: 'off', better: false });
  });

  it('warns when NEW is older than OLD, the hosts differ, or the windows differ', () => {
    const old = later(baseDiagnosis(), '2026-11-27T14:00:00.000Z');
    const now = baseDiagnosis({ bundle: { ...old.bundle, sha256: 'c'.repeat(64), collectedAt: '2026-11-27T12:00:00.000Z', host: 'studio' }, collection: { ...old.collection, options: { hours: 4 } } });
    const diff = diffDiagnoses(old, now);
    expect(diff.elapsedSeconds).toBe(-7200);
    expect(diff.warnings).toEqual([
      'NEW was captured 2h 00m before OLD: were they given in the wrong order?',
      'OLD and NEW come from different hosts (mac-mini, studio): the changes are between two machines, not one machine\'s history.',
      'The collection windows differ (1 h, 4 h): counts taken in the window are not comparable one to one.',
    ]);
  });

  it('gives a document that validates against DiffV1', () => {
    const diff = diffDiagnoses(failedDiagnosis(), baseDiagnosis({ redis: null, session: null }));
    const parsed = DiffV1.safeParse(JSON.parse(JSON.stringify(diff)));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });
});

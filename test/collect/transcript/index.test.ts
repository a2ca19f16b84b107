import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { runCollectors } from '../../../src/collect/run.js';
import { transcriptCollector } from '../../../src/collect/transcript/index.js';
import { openTranscriptWindow } from '../../../src/collect/transcript/window.js';
import type { StagedArtifact } from '../../../src/collect/types.js';
import { createContext } from '../../../src/replay/context.js';
import sessionLayer from '../../../src/replay/layers/session.js';
import sessionPressureCritical from '../../../src/replay/scenarios/session-pressure-critical.js';
import { bundleFrom } from '../../helpers/bundle-from.js';
import { assistantToolCall, piSessionFile, userMessage } from '../../helpers/simulated-host/formats/session-jsonl.js';
import { testOptions } from '../helpers/options.js';
import { stagedText, streamText } from '../helpers/staged.js';
import { plantFiles } from '../helpers/tree.js';

const DIR = '/Users/joel/.joelclaw/sessions/gateway';
const LIVE = '0c9e1f2a-1111-2222-3333-444455556666';
const OLD = '9f9f9f9f-aaaa-bbbb-cccc-ddddeeeeffff';
const FRESH = '019abcde-0000-7000-8000-00000000f4e5';
const NOW = Date.parse('2026-11-27T12:00:00.000Z');

const header = (id: string, at: string) => JSON.stringify({ type: 'session', version: 3, id, timestamp: at, cwd: '/Users/joel' });
const entry = (n: number, minutesAgo: number) =>
  JSON.stringify({
    type: 'message',
    id: `e${String(n).padStart(7, '0')}`,
    parentId: null,
    timestamp: new Date(NOW - minutesAgo * 60_000).toISOString(),
    message: { role: 'user', content: `prompt ${n}`, timestamp: NOW - minutesAgo * 60_000 },
  });

/** A transcript that started `hours` ago with one entry every 10 minutes. */
const transcript = (id: string, hours: number) => {
  const lines = [header(id, new Date(NOW - hours * 3_600_000).toISOString())];
  for (let m = hours * 60, n = 0; m >= 0; m -= 10, n++) lines.push(entry(n, m));
  return `${lines.join('\n')}\n`;
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gwb-transcript-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

const collect = async (): Promise<Map<string, StagedArtifact>> => {
  const out = await runCollectors([transcriptCollector], testOptions({ root }), { progress() {} });
  return new Map(out.map((a) => [a.id, a]));
};

describe('transcriptCollector', () => {
  it('picks the live session by the id in gateway.session even when another file is newer', async () => {
    await plantFiles(root, {
      '/Users/joel/.joelclaw/gateway.session': `${LIVE}\n`,
      [`${DIR}/2026-11-27T08-00-00-000Z_${LIVE}.jsonl`]: { content: transcript(LIVE, 4), mtime: '2026-11-27T11:00:00Z' },
      [`${DIR}/2026-11-27T09-00-00-000Z_${OLD}.jsonl`]: { content: transcript(OLD, 2), mtime: '2026-11-27T11:59:00Z' },
    });
    const t = (await collect()).get(A.sessionTranscript.id);
    expect(t?.facts).toMatchObject({ chosenBy: 'session-id', file: `2026-11-27T08-00-00-000Z_${LIVE}.jsonl` });
    expect(t?.source.path).toBe(`${DIR}/2026-11-27T08-00-00-000Z_${LIVE}.jsonl`);
  });

  it('records no transcript when gateway.session names a session pi has not written yet, rather than an older one', async () => {
    // pi's SessionManager writes nothing before the first assistant reply: the fresh session has no file,
    // while the previous session ended in a tool call that hangs at 215k tokens.
    const fresh = piSessionFile(FRESH, '2026-11-27T11:58:00.000Z', [userMessage('hi again', '2026-11-27T11:58:30.000Z')]);
    const previous = piSessionFile(LIVE, '2026-11-27T08:00:00.000Z', [
      userMessage('tail the deploy log', '2026-11-27T11:20:00.000Z'),
      assistantToolCall('call_1', 'bash', { command: 'kubectl logs -f deploy/web' }, '2026-11-27T11:20:05.000Z', { totalTokens: 215_000 }),
    ]);
    expect(fresh.content).toBeNull();
    await plantFiles(root, {
      '/Users/joel/.joelclaw/gateway.session': `${FRESH}\n`,
      [`${DIR}/${previous.fileName}`]: { content: previous.content!, mtime: '2026-11-27T11:20:05Z' },
    });
    const collected = await collect();
    const t = collected.get(A.sessionTranscript.id);
    expect(t).toMatchObject({ status: 'missing', facts: { sessionId: FRESH, chosenBy: 'none' } });
    expect(t?.reason).toBe(`gateway.session names session ${FRESH}, which has no transcript yet (pi writes a session's file at its first assistant reply); the other transcripts in ${DIR} are earlier sessions`);
    // Replayed, the old hung turn is not judged as the live one.
    const ctx = createContext(bundleFrom({ [A.sessionTranscript.id]: { status: 'missing', reason: t?.reason } }));
    const layer = sessionLayer.run(ctx);
    expect(layer).toMatchObject({ status: 'unknown' });
    expect(sessionPressureCritical.match(ctx, [layer])).toBeNull();
  });

  it('falls back to the newest file by mtime without a session id, and says so', async () => {
    await plantFiles(root, {
      [`${DIR}/a_${LIVE}.jsonl`]: { content: transcript(LIVE, 1), mtime: '2026-11-27T10:00:00Z' },
      [`${DIR}/b_${OLD}.jsonl`]: { content: transcript(OLD, 1), mtime: '2026-11-27T11:30:00Z' },
    });
    expect((await collect()).get(A.sessionTranscript.id)?.facts).toMatchObject({ chosenBy: 'newest-mtime', file: `b_${OLD}.jsonl` });
  });

  it('keeps the header and only the entries inside the --hours window, recording the cut', async () => {
    await plantFiles(root, { [`${DIR}/x_${LIVE}.jsonl`]: transcript(LIVE, 5) });
    const t = (await collect()).get(A.sessionTranscript.id);
    const lines = ((await stagedText(t)) ?? '').trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; timestamp: string });
    expect(lines[0]?.type).toBe('session');
    const entries = lines.slice(1);
    expect(entries).toHaveLength(7); // 60, 50, ... 0 minutes ago
    for (const e of entries) expect(Date.parse(e.timestamp)).toBeGreaterThanOrEqual(NOW - 3_600_000);
    expect(t?.truncations?.[0]).toMatchObject({ reason: 'window', kept: 'window' });
    expect(t?.facts).toMatchObject({ linesKept: 7 });
  });

  it('keeps unparseable lines inside the window so redaction still sees them', async () => {
    const text = `${header(LIVE, '2026-11-27T11:00:00Z')}\n${entry(1, 30)}\n{"type":"message","broken\n${entry(2, 5)}\n`;
    await plantFiles(root, { [`${DIR}/x_${LIVE}.jsonl`]: text });
    const t = (await collect()).get(A.sessionTranscript.id);
    expect(t?.stream?.bytes).toBe(Buffer.byteLength(text));
    expect(await stagedText(t)).toBe(text);
    expect(t?.facts).toMatchObject({ linesKept: 3, linesAtSource: 4 });
  });

  it('lists every transcript with size and mtime, sorted by name', async () => {
    await plantFiles(root, {
      [`${DIR}/b.jsonl`]: { content: 'bb', mtime: '2026-11-01T00:00:00Z' },
      [`${DIR}/a.jsonl`]: { content: 'a', mtime: '2026-11-02T00:00:00Z' },
      [`${DIR}/notes.txt`]: 'ignored',
    });
    const listing = JSON.parse((await collect()).get(A.sessionListing.id)?.content ?? 'null');
    expect(listing).toEqual([
      { name: 'a.jsonl', size: 1, mtime: '2026-11-02T00:00:00.000Z' },
      { name: 'b.jsonl', size: 2, mtime: '2026-11-01T00:00:00.000Z' },
    ]);
  });

  it('reports a missing sessions directory for both artifacts', async () => {
    const got = await collect();
    expect(got.get(A.sessionListing.id)).toMatchObject({ status: 'missing', reason: 'no such directory' });
    expect(got.get(A.sessionTranscript.id)?.status).toBe('missing');
  });
});

describe('openTranscriptWindow', () => {
  it('reads across chunk boundaries from the end and stops at the read cap', async () => {
    const text = transcript(LIVE, 200); // ~1200 entries
    await plantFiles(root, { '/t.jsonl': text });
    const opened = await openTranscriptWindow(join(root, 't.jsonl'), 0);
    await opened.stream.close();
    const all = opened.window;
    expect(all.linesKept).toBe(text.trimEnd().split('\n').length - 1);
    expect(all.linesAtSource).toBe(all.linesKept + 1);
    expect(all.bytes).toBe(Buffer.byteLength(text));
    const capped = await openTranscriptWindow(join(root, 't.jsonl'), 0, 5000);
    expect(capped.window.capped).toBe(true);
    expect(capped.window.linesKept).toBeLessThan(40);
    const kept = await streamText(capped.stream);
    expect(Buffer.byteLength(kept)).toBe(capped.window.bytes);
    const lines = kept.trimEnd().split('\n');
    expect(lines).toHaveLength(capped.window.linesKept + 1);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('judges an entry by its own top-level timestamp, never one nested in its message', async () => {
    const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
    const lines = [
      header(LIVE, at(300)),
      JSON.stringify({ type: 'message', id: 'old', timestamp: at(120), message: { role: 'user', content: [{ type: 'text', text: 'x' }], timestamp: at(1) } }),
      JSON.stringify({ type: 'message', id: 'new', message: { role: 'user', content: 'y', timestamp: at(200) }, timestamp: at(30) }),
      '{"type":"message","id":"escaped","times\\u0074amp":"' + at(20) + '"}',
      JSON.stringify({ type: 'message', id: 'quoted', text: 'a "timestamp": "' + at(500) + '" in a string', timestamp: at(10) }),
    ];
    await plantFiles(root, { '/t.jsonl': `${lines.join('\n')}\n` });
    const opened = await openTranscriptWindow(join(root, 't.jsonl'), NOW - 3_600_000);
    const kept = (await streamText(opened.stream)).trimEnd().split('\n').map((l) => (JSON.parse(l) as { id?: string }).id);
    expect(kept).toEqual([LIVE, 'new', 'escaped', 'quoted']);
  });
});

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { BundleStage } from '../../src/bundle/stage.js';
import { applyBudget, estimateBundleBytes } from '../../src/collect/budget.js';
import { cutJsonItems, cutStaged } from '../../src/collect/budget-cut.js';
import type { StagedArtifact } from '../../src/collect/types.js';

/** Log-like text that barely compresses (random ids), so sizes are meaningful. */
const noisyLog = (records: number): string => {
  let s = '';
  for (let i = 0; i < records; i++) s += `[gateway] response ready {\n  source: "telegram:${randomBytes(12).toString('hex')}",\n  length: ${i},\n}\n`;
  return s;
};

let stage: BundleStage;
beforeEach(async () => {
  stage = await BundleStage.create();
});
afterEach(() => stage.dispose());

/** An artifact whose bytes are staged; the returned value is what the budget sees (no content). */
const art = async (id: string, content: string, over: Partial<StagedArtifact> = {}): Promise<StagedArtifact> => {
  await stage.write(id, [content]);
  return { id, status: 'ok', source: {}, truncations: [], ...over };
};
const text = (id: string): Promise<string> => readFile(stage.path(id), 'utf8');

describe('applyBudget', () => {
  it('leaves everything alone when the estimate fits', async () => {
    const staged = [await art(A.pidFile.id, '4242\n'), await art(A.gatewayLog.id, noisyLog(10))];
    expect(await applyBudget(stage, staged, 1_000_000)).toEqual(staged);
    expect(stage.stored(A.gatewayLog.id)?.bytes).toBe(Buffer.byteLength(await text(A.gatewayLog.id)));
  });

  it('cuts the highest priority number first (stdout log before err log before state files)', async () => {
    const log = noisyLog(2000);
    const staged = [await art(A.pidFile.id, '4242\n'), await art(A.gatewayErrLog.id, noisyLog(2000)), await art(A.gatewayLog.id, log)];
    const errEst = await estimateBundleBytes(stage, [staged[0]!, staged[1]!]);
    const out = await applyBudget(stage, staged, errEst + 20_000);
    const byId = new Map(out.map((a) => [a.id, a]));
    expect(byId.get(A.pidFile.id)).toEqual(staged[0]);
    expect(byId.get(A.gatewayErrLog.id)).toEqual(staged[1]);
    const cut = byId.get(A.gatewayLog.id)!;
    const kept = await text(A.gatewayLog.id);
    expect(cut.status).toBe('truncated');
    expect(cut.truncations).toHaveLength(1);
    expect(cut.truncations?.[0]).toMatchObject({ reason: 'max-size', kept: 'tail' });
    expect(cut.truncations?.[0]?.bytesCut).toBe(Buffer.byteLength(log) - Buffer.byteLength(kept));
    expect(kept.startsWith('[gateway] response ready {')).toBe(true);
    expect(log.endsWith(kept)).toBe(true);
    expect(await estimateBundleBytes(stage, out)).toBeLessThanOrEqual(errEst + 20_000);
  });

  it('holds the cap on a huge log by cutting it to a tail and drops content only when nothing else fits', async () => {
    const staged = [await art(A.hostInfo.id, '{"hostname":"panda"}\n'), await art(A.gatewayLog.id, noisyLog(40_000))];
    const cap = 150_000;
    const out = await applyBudget(stage, staged, cap);
    expect(await estimateBundleBytes(stage, out)).toBeLessThanOrEqual(cap);
    expect(out[0]).toEqual(staged[0]);
    expect(stage.stored(A.gatewayLog.id)?.bytes).toBeGreaterThan(0);
    const tiny = await applyBudget(stage, out, 5000);
    expect(tiny[1]).toMatchObject({ status: 'truncated', reason: 'dropped to fit --max-size' });
    expect(stage.stored(A.gatewayLog.id)).toBeUndefined();
    // the two cuts are one max-size truncation in the manifest
    expect(tiny[1]?.truncations).toEqual([expect.objectContaining({ reason: 'max-size', kept: 'none' })]);
  });

  it('keeps the status of a failed command it cuts, adding the cut to its truncations', async () => {
    const staged = [await art(A.ps.id, noisyLog(3000), { status: 'error', reason: 'exit code 1' })];
    const out = await applyBudget(stage, staged, 30_000);
    expect(out[0]).toMatchObject({ status: 'error', reason: 'exit code 1' });
    expect(out[0]?.truncations?.[0]?.reason).toBe('max-size');
  });
});

describe('budget cuts', () => {
  it('drops the oldest whole items of a JSON list and says how many it kept', () => {
    const doc = { key: 'joelclaw:events:gateway', entries: Array.from({ length: 100 }, (_, i) => ({ i, pad: 'x'.repeat(50) })) };
    const cut = cutJsonItems(JSON.stringify(doc, null, 2), 2000);
    const parsed = JSON.parse(cut!.content) as typeof doc;
    expect(parsed.key).toBe(doc.key);
    expect(parsed.entries.at(-1)?.i).toBe(99);
    expect(parsed.entries.length).toBeLessThan(100);
    expect(Buffer.byteLength(cut!.content)).toBeLessThanOrEqual(2000);
    expect(cut!.note).toBe(`kept the last ${parsed.entries.length} of 100 items of entries`);
  });

  it('keeps the session header line of a cut transcript', async () => {
    const lines = ['{"type":"session","id":"s"}', ...Array.from({ length: 50 }, (_, i) => `{"type":"message","n":${i}}`)];
    await stage.write(A.sessionTranscript.id, [`${lines.join('\n')}\n`]);
    const cut = await cutStaged(stage, A.sessionTranscript.id, 'jsonl', 200);
    const kept = (await text(A.sessionTranscript.id)).trimEnd().split('\n');
    expect(cut).toEqual({ bytes: stage.stored(A.sessionTranscript.id)?.bytes, note: 'header line kept' });
    expect(kept[0]).toBe(lines[0]);
    expect(kept.at(-1)).toBe(lines.at(-1));
    expect(kept.length).toBeLessThan(lines.length);
    for (const l of kept) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('keeps only the header when nothing else fits, and nothing when the header does not', async () => {
    const content = '{"type":"session","id":"s"}\n{"type":"message","n":1}\n';
    await stage.write(A.sessionTranscript.id, [content]);
    expect(await cutStaged(stage, A.sessionTranscript.id, 'jsonl', 30)).toEqual({ bytes: 28, note: 'header line only' });
    expect(await text(A.sessionTranscript.id)).toBe('{"type":"session","id":"s"}\n');
    expect(await cutStaged(stage, A.sessionTranscript.id, 'jsonl', 10)).toBeNull();
  });
});

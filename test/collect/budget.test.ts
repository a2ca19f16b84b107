import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { applyBudget, estimateBundleBytes } from '../../src/collect/budget.js';
import { cutJsonItems, cutJsonlTail } from '../../src/collect/budget-cut.js';
import type { StagedArtifact } from '../../src/collect/types.js';

/** Log-like text that barely compresses (random ids), so sizes are meaningful. */
const noisyLog = (records: number): string => {
  let s = '';
  for (let i = 0; i < records; i++) s += `[gateway] response ready {\n  source: "telegram:${randomBytes(12).toString('hex')}",\n  length: ${i},\n}\n`;
  return s;
};

const art = (id: string, content: string, over: Partial<StagedArtifact> = {}): StagedArtifact => ({
  id,
  status: 'ok',
  source: {},
  content,
  truncations: [],
  ...over,
});

describe('applyBudget', () => {
  it('leaves everything alone when the estimate fits', () => {
    const staged = [art(A.pidFile.id, '4242\n'), art(A.gatewayLog.id, noisyLog(10))];
    expect(applyBudget(staged, 1_000_000)).toEqual(staged);
  });

  it('cuts the highest priority number first (stdout log before err log before state files)', () => {
    const staged = [art(A.pidFile.id, '4242\n'), art(A.gatewayErrLog.id, noisyLog(2000)), art(A.gatewayLog.id, noisyLog(2000))];
    const errEst = estimateBundleBytes([staged[0]!, staged[1]!]);
    const out = applyBudget(staged, errEst + 20_000);
    const byId = new Map(out.map((a) => [a.id, a]));
    expect(byId.get(A.pidFile.id)).toEqual(staged[0]);
    expect(byId.get(A.gatewayErrLog.id)).toEqual(staged[1]);
    const log = byId.get(A.gatewayLog.id)!;
    expect(log.status).toBe('truncated');
    expect(log.truncations).toHaveLength(1);
    expect(log.truncations?.[0]).toMatchObject({ reason: 'max-size', kept: 'tail' });
    expect(log.truncations?.[0]?.bytesCut).toBe(Buffer.byteLength(staged[2]!.content!) - Buffer.byteLength(log.content!));
    expect(log.content!.startsWith('[gateway] response ready {')).toBe(true);
    expect(staged[2]!.content!.endsWith(log.content!)).toBe(true);
    expect(estimateBundleBytes(out)).toBeLessThanOrEqual(errEst + 20_000);
  });

  it('holds the cap on a huge log by cutting it to a tail and drops content only when nothing else fits', () => {
    const staged = [art(A.hostInfo.id, '{"hostname":"panda"}\n'), art(A.gatewayLog.id, noisyLog(40_000))];
    const cap = 150_000;
    const out = applyBudget(staged, cap);
    expect(estimateBundleBytes(out)).toBeLessThanOrEqual(cap);
    expect(out[0]).toEqual(staged[0]);
    expect(out[1]?.content?.length).toBeGreaterThan(0);
    const tiny = applyBudget(staged, 5000);
    expect(tiny[1]).toMatchObject({ status: 'truncated', reason: 'dropped to fit --max-size' });
    expect(tiny[1]?.content).toBeUndefined();
    expect(tiny[1]?.truncations?.[0]).toMatchObject({ kept: 'none' });
  });

  it('keeps the status of a failed command it cuts, adding the cut to its truncations', () => {
    const staged = [art(A.ps.id, noisyLog(3000), { status: 'error', reason: 'exit code 1' })];
    const out = applyBudget(staged, 30_000);
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

  it('keeps the session header line of a cut transcript', () => {
    const lines = ['{"type":"session","id":"s"}', ...Array.from({ length: 50 }, (_, i) => `{"type":"message","n":${i}}`)];
    const cut = cutJsonlTail(`${lines.join('\n')}\n`, 200);
    const kept = cut!.content.trimEnd().split('\n');
    expect(kept[0]).toBe(lines[0]);
    expect(kept.at(-1)).toBe(lines.at(-1));
    for (const l of kept) expect(() => JSON.parse(l)).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { inspectRows, renderInspectTable } from '../../src/bundle/inspect.js';
import { manifestFrom } from '../helpers/bundle-from.js';

const { manifest } = manifestFrom({
  [A.gatewayErrLog.id]: { content: 'x'.repeat(10), status: 'truncated', bytesAtSource: 5000, truncations: [{ reason: 'max-size', kept: 'tail', bytesCut: 4990 }], redactions: { 'telegram-bot-token': 2, bearer: 1 } },
  [A.ps.id]: { content: '', exitCode: 0 },
  [A.colimaStatus.id]: { content: 'colima is not running\n', status: 'error', reason: 'exited 1\n\u001b[31mred\u001b[0m' },
});

describe('inspectRows', () => {
  it('gives one row per artifact in manifest order, with truncation and redaction totals', () => {
    const rows = inspectRows(manifest);
    expect(rows.map((r) => r.id)).toEqual(manifest.artifacts.map((a) => a.id));
    expect(rows.find((r) => r.id === A.gatewayErrLog.id)).toEqual({
      id: A.gatewayErrLog.id, kind: 'file', status: 'truncated', bytes: 10, bytesAtSource: 5000, truncated: true, redactions: 3,
    });
    expect(rows.find((r) => r.id === A.ps.id)).toMatchObject({ status: 'ok', bytes: 0, truncated: false, redactions: 0 });
    expect(rows.find((r) => r.id === A.pidFile.id)).toMatchObject({ status: 'missing', reason: 'not collected in this test bundle' });
  });
});

describe('renderInspectTable', () => {
  const text = renderInspectTable(manifest);
  const lines = text.trimEnd().split('\n');

  it('starts with the host, capture time, tool version, redaction state and totals', () => {
    expect(text).toContain('panda (macOS 15.4, arm64, uid 501)');
    expect(text).toContain(manifest.capture.collectedAt);
    expect(text).toContain('gwbundle 0.1.0');
    expect(text).toMatch(/redaction:\s+on, 3 value\(s\) replaced/);
    expect(text).toMatch(new RegExp(`artifacts:\\s+${manifest.artifacts.length} \\(1 ok, 1 truncated, \\d+ missing, 1 error\\)`));
  });

  it('says loudly when redaction was off', () => {
    const off = renderInspectTable({ ...manifest, redaction: { enabled: false, totals: {} } });
    expect(off).toMatch(/redaction:\s+OFF/);
  });

  it('aligns every column under its heading', () => {
    const headerLine = lines.find((l) => l.startsWith('ID'));
    expect(headerLine).toBeDefined();
    const table = lines.slice(lines.indexOf(headerLine as string));
    expect(table).toHaveLength(manifest.artifacts.length + 1);
    const statusColumn = (headerLine as string).indexOf('STATUS');
    for (const row of table.slice(1)) expect(row.slice(statusColumn)).toMatch(/^(ok|missing|error|timeout|truncated|skipped)\s/);
  });

  it('keeps terminal escapes and newlines of reasons out of the table', () => {
    const row = lines.find((l) => l.startsWith(A.colimaStatus.id)) ?? '';
    expect(row).toContain('exited 1 red');
    expect(text).not.toContain('\u001b');
  });
});

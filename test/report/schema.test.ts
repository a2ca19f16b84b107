import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { schemaFileText } from '../../src/bundle/manifest-schema.js';
import { ReportV1, reportJsonSchema } from '../../src/report/schema.js';
import { SCHEMA_FILES } from '../../scripts/write-schemas.js';

describe('the published report schema', () => {
  it('is the committed schemas/report.schema.json, byte for byte', async () => {
    const committed = await readFile(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(schemaFileText(reportJsonSchema()));
  });

  it('is listed in the schema writer so `write-schemas --check` keeps it fresh', () => {
    expect(SCHEMA_FILES.map((s) => s.file)).toContain('schemas/report.schema.json');
    expect(SCHEMA_FILES.find((s) => s.file === 'schemas/report.schema.json')?.schema()).toEqual(reportJsonSchema());
  });

  it('requires every contract field of the top level', () => {
    const required = (reportJsonSchema() as { required: string[] }).required;
    expect(required).toEqual(expect.arrayContaining(['schema', 'bundle', 'verdict', 'layers', 'scenarios', 'patterns', 'timeline', 'collection']));
  });

  it('rejects a document whose scenario fix is not a string', () => {
    const doc = {
      schema: 'gwbundle.report/v1',
      bundle: { sha256: null, collectedAt: '2026-11-27T12:00:00.000Z', host: 'h', toolVersion: '0.1.0' },
      verdict: { status: 'ok', layer: null, summary: 's' },
      layers: [],
      scenarios: [{ id: '3', title: 't', evidence: [], fix: ['a'] }],
      patterns: [],
      timeline: [],
      collection: { artifacts: 0, missing: [], timedOut: [], truncated: [], redactions: { enabled: true, totals: {} } },
    };
    expect(ReportV1.safeParse(doc).success).toBe(false);
    expect(ReportV1.safeParse({ ...doc, scenarios: [{ ...doc.scenarios[0], fix: 'a' }] }).success).toBe(true);
  });
});

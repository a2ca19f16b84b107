import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { schemaFileText } from '../../src/bundle/manifest-schema.js';
import { DIFF_SCHEMA_ID, DiffV1, diffJsonSchema } from '../../src/diff/schema.js';
import { SCHEMA_FILES } from '../../scripts/write-schemas.js';

describe('the published diff schema', () => {
  it('is the committed schemas/diff.schema.json, byte for byte, and the schema writer keeps it fresh', async () => {
    const committed = await readFile(new URL('../../schemas/diff.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(schemaFileText(diffJsonSchema()));
    expect(SCHEMA_FILES.find((s) => s.file === 'schemas/diff.schema.json')?.schema()).toEqual(diffJsonSchema());
  });

  it('names gwbundle.diff/v1 and lets objects carry fields added later in v1', () => {
    const schema = diffJsonSchema() as { properties: { schema: { const: string } }; additionalProperties?: unknown };
    expect(schema.properties.schema.const).toBe(DIFF_SCHEMA_ID);
    expect(DIFF_SCHEMA_ID).toBe('gwbundle.diff/v1');
    expect(JSON.stringify(schema)).not.toContain('"additionalProperties":false');
  });

  it('rejects a layer change it does not define', () => {
    const side = { sha256: null, collectedAt: '2026-11-27T12:00:00.000Z', host: 'h', toolVersion: '0.1.0', windowHours: 1, verdict: { status: 'ok', layer: null, summary: 's' } };
    const layer = { id: 'redis', seedLayer: 8, title: 't', old: { status: 'ok', detail: 'd' }, new: { status: 'ok', detail: 'd' }, change: 'unchanged' };
    const doc = { schema: DIFF_SCHEMA_ID, outcome: 'no-change', summary: 's', worse: [], better: [], old: side, new: side, elapsedSeconds: 0, warnings: [], layers: [layer], scenarios: [], figures: [], machine: [] };
    expect(DiffV1.safeParse(doc).success).toBe(true);
    expect(DiffV1.safeParse({ ...doc, layers: [{ ...layer, change: 'meh' }] }).success).toBe(false);
  });
});

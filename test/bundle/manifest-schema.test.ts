import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestJsonSchema, schemaFileText } from '../../src/bundle/manifest-schema.js';
import { SCHEMA_FILES } from '../../scripts/write-schemas.js';

const root = join(import.meta.dirname, '..', '..');

describe('the published manifest schema', () => {
  it('is exactly what scripts/write-schemas.ts generates (run it after changing manifest.ts)', () => {
    const committed = readFileSync(join(root, 'schemas', 'manifest.schema.json'), 'utf8');
    expect(committed).toBe(schemaFileText(manifestJsonSchema()));
  });

  it('lists every schema file the script writes, each committed and current', () => {
    expect(SCHEMA_FILES.map((s) => s.file)).toContain('schemas/manifest.schema.json');
    for (const { file, schema } of SCHEMA_FILES) expect(readFileSync(join(root, file), 'utf8')).toBe(schemaFileText(schema()));
  });

  it('requires the fields a reader relies on and rejects unknown top-level keys', () => {
    const schema = manifestJsonSchema() as { required: string[]; additionalProperties: unknown; properties: Record<string, { const?: string }> };
    expect(schema.required).toEqual(expect.arrayContaining(['schema', 'manifestVersion', 'capture', 'artifacts']));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.schema?.const).toBe('gwbundle.manifest');
  });
});

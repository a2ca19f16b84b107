import * as z from 'zod';
import { Manifest } from './manifest.js';

// The manifest's published JSON Schema (schemas/manifest.schema.json) is generated from the zod schema, so the
// file other tools validate against can never drift from what the reader enforces.

/** The manifest's JSON Schema (draft 2020-12) with a title, ready to be written as JSON. */
export function manifestJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(Manifest, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema, title: 'gwbundle bundle manifest (schema "gwbundle.manifest", manifestVersion 1.x)', ...rest };
}

/** A schema file as it is committed: 2-space JSON with a trailing newline. */
export const schemaFileText = (schema: unknown): string => `${JSON.stringify(schema, null, 2)}\n`;

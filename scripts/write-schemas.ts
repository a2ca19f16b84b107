import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestJsonSchema, schemaFileText } from '../src/bundle/manifest-schema.js';
import { diffJsonSchema } from '../src/diff/schema.js';
import { reportJsonSchema } from '../src/report/schema.js';

// Regenerates the published JSON Schemas under schemas/ from the zod schemas (`tsx scripts/write-schemas.ts`);
// `--check` exits 1 when a committed file is stale instead of writing it. Add a schema by adding a row.

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every published schema: the file under the repo root and the function that builds it. */
export const SCHEMA_FILES: ReadonlyArray<{ file: string; schema: () => unknown }> = [
  { file: 'schemas/manifest.schema.json', schema: manifestJsonSchema },
  { file: 'schemas/report.schema.json', schema: reportJsonSchema },
  { file: 'schemas/diff.schema.json', schema: diffJsonSchema },
];

async function main(check: boolean): Promise<number> {
  let stale = 0;
  for (const { file, schema } of SCHEMA_FILES) {
    const path = join(root, file);
    const text = schemaFileText(schema());
    const current = await readFile(path, 'utf8').catch(() => null);
    if (current === text) continue;
    if (check) {
      stale += 1;
      process.stderr.write(`${file} is stale: run tsx scripts/write-schemas.ts\n`);
      continue;
    }
    await writeFile(path, text);
    process.stderr.write(`wrote ${file}\n`);
  }
  return stale > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.includes('--check'));
}

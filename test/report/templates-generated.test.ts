import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, templatesModuleText } from '../../scripts/precompile-templates.js';

// The report and the diff render from templates precompiled into src/report/templates.generated.ts; an edit to
// templates/ that was not regenerated would not show in any report, so the suite refuses a stale module.

describe('the precompiled templates', () => {
  it('are templates/ as it is now, compiled (run `npm run templates` after editing a .hbs file)', async () => {
    expect(await readFile(GENERATED_PATH, 'utf8')).toBe(await templatesModuleText());
  });

  it('include every partial the report names', async () => {
    const { reportPartialSpecs } = await import('../../src/report/templates.generated.js');
    const report = await readFile(new URL('../../templates/report.md.hbs', import.meta.url), 'utf8');
    const named = [...report.matchAll(/\{\{>\s*([\w-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(3);
    for (const name of named) expect(Object.keys(reportPartialSpecs)).toContain(name);
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PATTERNS } from '../../../src/replay/patterns/index.js';
import type { Pattern } from '../../../src/replay/types.js';

// Catalog parity in the spirit of eslint's checkRuleFiles: every row file is registered and tested, the index is
// alphabetical, and the rows standing for the real diagnose's 11 regexes keep its labels and severities.

const SRC = fileURLToPath(new URL('../../../src/replay/patterns/', import.meta.url));
const TESTS = fileURLToPath(new URL('./', import.meta.url));
const NOT_ROWS = new Set(['index.ts', 'scan.ts']);
const rowFiles = readdirSync(SRC).filter((f) => f.endsWith('.ts') && !NOT_ROWS.has(f));

/** The real diagnose's regex labels and severities (facts §6). */
const REAL_DIAGNOSE: Record<string, 'error' | 'warn'> = {
  'session-busy': 'error',
  'model-fallback': 'error',
  'model-timeout': 'error',
  'streaming-retry': 'warn',
  'watchdog-stuck': 'error',
  'watchdog-stuck-timeout': 'error',
  'watchdog-dead': 'error',
  'prompt-failure': 'error',
  'otel-timeout': 'warn',
  'redis-down': 'error',
  'self-restart': 'warn',
};

describe('the pattern catalog', () => {
  it('lists its rows in strictly alphabetical order of id, so ids are unique', () => {
    const ids = PATTERNS.map((p) => p.id);
    for (let i = 1; i < ids.length; i++) expect(ids[i - 1]! < ids[i]!, `${ids[i - 1]} before ${ids[i]}`).toBe(true);
  });

  it('registers every row file in src/replay/patterns/index.ts and names each file by its id', async () => {
    for (const file of rowFiles) {
      const mod = (await import(`${SRC}${file}`)) as { default: Pattern };
      expect(mod.default.id, `${file} exports a different id`).toBe(file.replace(/\.ts$/, ''));
      expect(PATTERNS.includes(mod.default), `add ${file} to src/replay/patterns/index.ts`).toBe(true);
    }
    expect(PATTERNS).toHaveLength(rowFiles.length);
  });

  it('has a tester file for every row', () => {
    for (const file of rowFiles) {
      const test = file.replace(/\.ts$/, '.test.ts');
      expect(existsSync(`${TESTS}${test}`), `write test/replay/patterns/${test}`).toBe(true);
    }
  });

  it('maps one row to each of the real diagnose labels with the real severity', () => {
    const labelled = PATTERNS.filter((p) => p.diagnoseLabel !== undefined);
    expect(labelled.map((p) => p.diagnoseLabel).sort()).toEqual(Object.keys(REAL_DIAGNOSE).sort());
    for (const p of labelled) expect(p.severity, p.id).toBe(REAL_DIAGNOSE[p.diagnoseLabel!]);
  });
});

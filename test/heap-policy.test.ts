import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMPACT_HEAP_FLAGS } from '../src/heap-policy.js';

// V8 does not throw on a flag it does not know: it prints "Error: unrecognized flag" on stderr and goes on, so a
// flag that a Node version dropped would show on every report's stderr. This runs on each Node the CI runs.

/** Stderr of a Node process (this test's Node) that sets `flags` at run time, as useCompactHeap does. */
function stderrOfSetting(flags: readonly string[]): string {
  const script = "const v8 = require('node:v8'); for (const f of JSON.parse(process.argv[1])) v8.setFlagsFromString(f);";
  const child = spawnSync(process.execPath, ['-e', script, JSON.stringify(flags)], { encoding: 'utf8' });
  expect(child.status).toBe(0);
  return child.stderr;
}

/**
 * The young generation's size in a Node process (this test's Node) after a workload that keeps many objects
 * alive for a while (which makes V8 grow it), with `flags` set at run time first.
 */
function youngGenerationMiB(flags: readonly string[]): number {
  const script = [
    "const v8 = require('node:v8');",
    'for (const f of JSON.parse(process.argv[1])) v8.setFlagsFromString(f);',
    'let keep = [];',
    'for (let round = 0; round < 8; round++) {',
    '  for (let i = 0; i < 200000; i++) keep.push({ i, s: `x${i}` });',
    '  keep = keep.slice(-100000);',
    '}',
    "process.stdout.write(String(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576));",
  ].join('\n');
  const child = spawnSync(process.execPath, ['-e', script, JSON.stringify(flags)], { encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return Number(child.stdout);
}

describe('compact heap flags', () => {
  it('are all known to this Node (setting them prints nothing)', () => {
    expect(COMPACT_HEAP_FLAGS.length).toBeGreaterThan(0);
    expect(stderrOfSetting(COMPACT_HEAP_FLAGS)).toBe('');
  });

  it('would be caught if V8 did not know one', () => {
    expect(stderrOfSetting(['--gwbundle-no-such-flag=1'])).toMatch(/unrecognized flag/i);
  });

  it('take effect when set at run time: the young generation stays small where it would grow', () => {
    const grown = youngGenerationMiB([]);
    const compact = youngGenerationMiB(COMPACT_HEAP_FLAGS);
    // why: V8 grows it to 32 MiB (Node 20) or 128 MiB (Node 24) here without the flags, 2 MiB with them
    expect(compact).toBeLessThan(grown / 2);
  });
});

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

describe('compact heap flags', () => {
  it('are all known to this Node (setting them prints nothing)', () => {
    expect(COMPACT_HEAP_FLAGS.length).toBeGreaterThan(0);
    expect(stderrOfSetting(COMPACT_HEAP_FLAGS)).toBe('');
  });

  it('would be caught if V8 did not know one', () => {
    expect(stderrOfSetting(['--gwbundle-no-such-flag=1'])).toMatch(/unrecognized flag/i);
  });
});

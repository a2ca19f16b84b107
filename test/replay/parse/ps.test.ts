import { describe, expect, it } from 'vitest';
import { LEGACY_DAEMON_RE, SLIM_TRANSPORT_RE, findProcesses, parseEtime, parsePs } from '../../../src/replay/parse/ps.js';

const PS = [
  '  PID  PPID STARTED                          ELAPSED COMMAND',
  '    1     0 Mon Nov 24 08:00:00 2026      3-04:00:00 /sbin/launchd',
  ' 4242     1 Thu Nov 27 10:00:00 2026        02:00:00 bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts',
  ' 4300     1 Thu Nov 27 11:30:00 2026           30:00 bun /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/transport-daemon.ts',
  ' 5150  4999 Thu Nov 27 11:59:00 2026           01:00 grep packages/gateway/src/daemon.ts',
].join('\n');

describe('parseEtime', () => {
  it('converts every etime form to seconds', () => {
    expect(parseEtime('01:05')).toBe(65);
    expect(parseEtime('02:00:00')).toBe(7200);
    expect(parseEtime('3-04:00:00')).toBe(3 * 86_400 + 4 * 3600);
  });

  it('returns null for text that is not an etime', () => {
    expect(parseEtime('ELAPSED')).toBeNull();
  });
});

describe('parsePs', () => {
  it('reads pid, ppid, start, elapsed and command with the line number, skipping the header', () => {
    const rows = parsePs(PS);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatchObject({ pid: 4242, ppid: 1, started: 'Thu Nov 27 10:00:00 2026', elapsedSec: 7200, line: 3 });
    expect(rows[1]?.command).toContain('daemon.ts');
  });

  it('reads a table without the lstart column', () => {
    expect(parsePs('  PID  PPID ELAPSED COMMAND\n  77   1   10:00 bun x\n')).toMatchObject([{ pid: 77, elapsedSec: 600, started: null }]);
  });

  it('finds the legacy daemon and the slim transport but not a grep of the path', () => {
    const rows = parsePs(PS);
    expect(findProcesses(rows, LEGACY_DAEMON_RE).map((r) => r.pid)).toEqual([4242]);
    expect(findProcesses(rows, SLIM_TRANSPORT_RE).map((r) => r.pid)).toEqual([4300]);
  });
});

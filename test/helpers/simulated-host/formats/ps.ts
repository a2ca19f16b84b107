import type { CommandAnswer } from '../spec.js';
import { CAPTURED_AT } from '../spec.js';

// `ps -axo pid,ppid,lstart,etime,command` on macOS (facts §7): right-aligned pid/ppid, lstart in the C
// locale (`Fri Nov 27 10:58:40 2026`, day padded to 2), etime as `[[dd-]hh:]mm:ss`, then the full command.

/** One process: when it started is given as seconds before the capture clock. */
export interface PsRow {
  pid: number;
  ppid: number;
  /** Seconds the process has been running at capture time. */
  elapsedSec: number;
  command: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `lstart` as ps prints it (UTC, as on a machine with TZ=UTC). */
export function psLstart(at: Date): string {
  const d = `${DAYS[at.getUTCDay()]} ${MONTHS[at.getUTCMonth()]} ${String(at.getUTCDate()).padStart(2, ' ')}`;
  return `${d} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} ${at.getUTCFullYear()}`;
}

/** `etime` as ps prints it: mm:ss, hh:mm:ss, or dd-hh:mm:ss. */
export function psEtime(sec: number): string {
  const days = Math.floor(sec / 86_400);
  const hours = Math.floor((sec % 86_400) / 3600);
  const mins = Math.floor((sec % 3600) / 60);
  const secs = sec % 60;
  const hms = `${two(mins)}:${two(secs)}`;
  if (days > 0) return `${two(days)}-${two(hours)}:${hms}`;
  if (hours > 0) return `${two(hours)}:${hms}`;
  return hms;
}

/** The whole ps table, header first, for the given rows (launchd pid 1 and a shell are added for realism). */
export function psTable(rows: readonly PsRow[], capturedAt = CAPTURED_AT): CommandAnswer {
  const now = Date.parse(capturedAt);
  const all: PsRow[] = [
    { pid: 1, ppid: 0, elapsedSec: 9 * 86_400 + 3 * 3600 + 12 * 60 + 5, command: '/sbin/launchd' },
    ...rows,
    { pid: 8811, ppid: 8810, elapsedSec: 1800, command: '-zsh' },
  ];
  const lines = all.map((r) => {
    const started = psLstart(new Date(now - r.elapsedSec * 1000));
    return `${String(r.pid).padStart(5)} ${String(r.ppid).padStart(5)} ${started}     ${psEtime(r.elapsedSec).padStart(11)} ${r.command}`;
  });
  return { stdout: `  PID  PPID STARTED                          ELAPSED COMMAND\n${lines.join('\n')}\n`, exitCode: 0 };
}

/** The legacy daemon's command line, the one the real diagnose pgreps for. */
export const DAEMON_COMMAND = '/Users/joel/.bun/bin/bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts';

/** The slim transport's command line (facts §0.11). */
export const TRANSPORT_COMMAND = '/Users/joel/.bun/bin/bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/transport-daemon.ts';

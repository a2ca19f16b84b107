import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { LEGACY_DAEMON_RE, type PsRow, SLIM_TRANSPORT_RE, findProcesses, parsePs } from '../parse/ps.js';
import { commandRan } from '../process-facts.js';
import { type Moment, short } from './moment.js';

// When the gateway processes started: ps `lstart` is wall-clock time of the collected host, so it is read in
// the manifest's capture time zone (Intl with an explicit zone: no reading of this machine's clock or TZ);
// without a usable zone, the capture time minus `etime` (exact when the capture clock is the real one).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LSTART = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) (\d{4})$/;

/** The zone's UTC offset (ms) at an instant, from Intl's wall-clock parts. */
function offsetAt(ms: number, timeZone: string): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(ms / 1000) * 1000;
}

// Why: lstart is local wall time; the timeline needs the instant.
export function lstartToMs(lstart: string, timeZone: string): number | null {
  const m = LSTART.exec(lstart.trim().replace(/\s+/g, ' '));
  if (!m) return null;
  const month = MONTHS.indexOf(m[1] ?? '');
  if (month < 0) return null;
  const wall = Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  try {
    // Two passes settle the offset across a DST change between the guess and the answer.
    const first = wall - offsetAt(wall, timeZone);
    return wall - offsetAt(first, timeZone);
  } catch {
    return null; // not a zone Intl knows
  }
}

function startMs(row: PsRow, timeZone: string, nowMs: number): number | null {
  const fromLstart = row.started ? lstartToMs(row.started, timeZone) : null;
  if (fromLstart !== null) return fromLstart;
  return row.elapsedSec === null ? null : nowMs - row.elapsedSec * 1000;
}

// Why: a process start is a restart anchor even when every marker file is missing.
export function processMoments(ctx: ReplayContext): Moment[] {
  if (!commandRan(ctx, A.ps.id)) return [];
  const rows = parsePs(ctx.text(A.ps.id) ?? '');
  const zone = ctx.view.manifest.capture.timeZone;
  const out: Moment[] = [];
  for (const [kind, re] of [['daemon.ts', LEGACY_DAEMON_RE], ['transport-daemon.ts', SLIM_TRANSPORT_RE]] as const) {
    for (const row of findProcesses(rows, re)) {
      const ms = startMs(row, zone, ctx.now.getTime());
      if (ms === null) continue;
      out.push({ ms, source: 'ps', text: short(`${kind} pid ${row.pid} (ppid ${row.ppid}) started${row.started ? ` (lstart ${row.started})` : ''}`), artifact: A.ps.id, line: row.line, important: true });
    }
  }
  return out;
}

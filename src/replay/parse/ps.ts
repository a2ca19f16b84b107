// Parser for `ps -axo pid,ppid,lstart,etime,command` (macOS and procps print the same columns). Liveness in
// replay is "the pid is in this table", never kill(0) or /proc of the reading host (contract).

/** One process of the captured table. */
export interface PsRow {
  pid: number;
  ppid: number;
  /** `lstart` as printed, in the host's local time (e.g. `Thu Nov 27 11:00:00 2026`), or null. */
  started: string | null;
  /** `etime` as printed (`[[dd-]hh:]mm:ss`). */
  elapsed: string | null;
  elapsedSec: number | null;
  command: string;
  /** 1-based line in the artifact. */
  line: number;
}

const ETIME = String.raw`(?:\d+-)?(?:\d{1,2}:)?\d{1,2}:\d{2}`;
const LSTART = String.raw`[A-Z][a-z]{2}\s+[A-Z][a-z]{2}\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}\s+\d{4}`;
const FULL_ROW = new RegExp(String.raw`^\s*(\d+)\s+(\d+)\s+(${LSTART})\s+(${ETIME})\s+(.*)$`);
const NO_LSTART_ROW = new RegExp(String.raw`^\s*(\d+)\s+(\d+)\s+(${ETIME})\s+(.*)$`);

// Why: uptime and the heartbeat's startup grace come from `etime`.
export function parseEtime(etime: string): number | null {
  const m = /^(?:(\d+)-)?(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$/.exec(etime.trim());
  if (!m) return null;
  const [, days, hours, minutes, seconds] = m;
  return Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3_600 + Number(minutes) * 60 + Number(seconds);
}

// Why: the process layer finds daemon.ts / transport-daemon.ts pids and their age here.
export function parsePs(text: string): PsRow[] {
  const rows: PsRow[] = [];
  text.split('\n').forEach((l, i) => {
    const full = FULL_ROW.exec(l);
    if (full) {
      const [, pid, ppid, started, elapsed, command] = full;
      rows.push({
        pid: Number(pid),
        ppid: Number(ppid),
        started: (started ?? '').replace(/\s+/g, ' '),
        elapsed: elapsed ?? null,
        elapsedSec: parseEtime(elapsed ?? ''),
        command: command ?? '',
        line: i + 1,
      });
      return;
    }
    const short = NO_LSTART_ROW.exec(l);
    if (short) {
      const [, pid, ppid, elapsed, command] = short;
      rows.push({
        pid: Number(pid),
        ppid: Number(ppid),
        started: null,
        elapsed: elapsed ?? null,
        elapsedSec: parseEtime(elapsed ?? ''),
        command: command ?? '',
        line: i + 1,
      });
    }
  });
  return rows;
}

/** Commands that merely mention a path (a grep of it) are not the process. */
const SEARCHER = /^(?:\S*\/)?(?:grep|rg|pgrep|ps|ag)\s/;

/** The real diagnose's pgrep pattern, without the home prefix so any checkout location matches. */
export const LEGACY_DAEMON_RE = /packages\/gateway\/src\/daemon\.ts\b/;
/** The slim transport (facts §0.11). */
export const SLIM_TRANSPORT_RE = /transport-daemon\.ts\b/;

// Why: pgrep -f semantics over a captured table, minus the searching processes themselves.
export function findProcesses(rows: readonly PsRow[], pattern: RegExp): PsRow[] {
  return rows.filter((r) => pattern.test(r.command) && !SEARCHER.test(r.command));
}

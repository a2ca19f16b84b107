// Parsers for `launchctl print-disabled <domain>`, `launchctl print <domain>/<label>` and `launchctl list`
// text, with the real `joelclaw gateway diagnose` rules where it has them (joelclaw-gateway-facts §7): first
// match wins. Where the real code misreads what a Mac prints, both shapes are read: older macOS says
// `=> true|false` in print-disabled (the real code calls that unknown), and a job killed by a signal shows
// `last terminating signal = Killed: 9` in place of its `last exit code` line (the real code sees neither).

/** The launchd label of the gateway. */
export const GATEWAY_LABEL = 'com.joel.gateway';

/** What `print-disabled` says about one label: true = disabled, false = enabled, null = not listed. */
export interface DisabledLine {
  disabled: boolean | null;
  /** 1-based line of the label's entry, when listed at all. */
  line: number | null;
  /** The raw value after `=>` (`true` / `false` on older macOS), for findings. */
  raw: string | null;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Why: the process layer needs the disabled flag exactly as the real diagnose reads it.
export function parseDisabled(text: string, label = GATEWAY_LABEL): DisabledLine {
  const entry = new RegExp(`"${escapeRe(label)}"\\s*=>\\s*(\\S+)`, 'i');
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = entry.exec(lines[i] ?? '');
    if (!m) continue;
    const raw = (m[1] ?? '').toLowerCase();
    const disabled = raw === 'disabled' || raw === 'true' ? true : raw === 'enabled' || raw === 'false' ? false : null;
    return { disabled, line: i + 1, raw };
  }
  return { disabled: null, line: null, raw: null };
}

/** The fields of a `launchctl print` service block that the diagnosis reads. */
export interface LaunchctlService {
  /** Digits only, else null (the real code drops anything else). */
  pid: string | null;
  state: string | null;
  /** Verbatim: `0`, `1`, `(never exited)`, `78: EX_CONFIG`... */
  lastExitCode: string | null;
  /** `Killed: 9`, `Terminated: 15`...: printed instead of the exit code when a signal ended the last run. */
  lastSignal: string | null;
  runs: number | null;
  program: string | null;
  /** 1-based lines of the fields, for evidence. */
  lines: Partial<Record<'pid' | 'state' | 'lastExitCode' | 'lastSignal' | 'runs', number>>;
}

/** First `<indent><field> = <value>` line, case-insensitive, as gateway.ts:1907-1911 does. */
function field(lines: readonly string[], name: string): { value: string; line: number } | null {
  const re = new RegExp(`^\\s*${escapeRe(name)}\\s*=\\s*(.+)$`, 'i');
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i] ?? '');
    if (m?.[1] !== undefined) return { value: m[1].trim(), line: i + 1 };
  }
  return null;
}

// Why: registered/pid/state/last exit code decide the process layer; `runs` shows a crash loop.
export function parseLaunchctlPrint(text: string): LaunchctlService {
  const lines = text.split('\n');
  const pid = field(lines, 'pid');
  const state = field(lines, 'state');
  const lastExit = field(lines, 'last exit code');
  const lastSignal = field(lines, 'last terminating signal');
  const runs = field(lines, 'runs');
  const program = field(lines, 'program');
  const out: LaunchctlService = {
    pid: pid && /^\d+$/.test(pid.value) ? pid.value : null,
    state: state?.value ?? null,
    lastExitCode: lastExit?.value ?? null,
    lastSignal: lastSignal?.value ?? null,
    runs: runs && /^\d+$/.test(runs.value) ? Number(runs.value) : null,
    program: program?.value ?? null,
    lines: {},
  };
  if (pid) out.lines.pid = pid.line;
  if (state) out.lines.state = state.line;
  if (lastExit) out.lines.lastExitCode = lastExit.line;
  if (lastSignal) out.lines.lastSignal = lastSignal.line;
  if (runs) out.lines.runs = runs.line;
  return out;
}

/** One job of `launchctl list`. */
export interface LaunchctlListJob {
  /** Digits, or null for `-` (no process). */
  pid: string | null;
  /** The last exit status; negative is the signal that killed the job; null for `-`. */
  status: number | null;
  /** 1-based line in the output. */
  line: number;
}

// Why: `launchctl list` is the one-line view of the job (pid and last status, a negative status is the
// killing signal), read when `print` failed or to corroborate it.
export function parseLaunchctlList(text: string, label = GATEWAY_LABEL): LaunchctlListJob | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const cols = (lines[i] ?? '').split('\t');
    if (cols.length < 3 || cols.slice(2).join('\t').trim() !== label) continue;
    const [pid = '', status = ''] = cols;
    return { pid: /^\d+$/.test(pid.trim()) ? pid.trim() : null, status: /^-?\d+$/.test(status.trim()) ? Number(status.trim()) : null, line: i + 1 };
  }
  return null;
}

/** macOS strsignal(3) names of the signals a daemon dies of, as `last terminating signal` prints them. */
const SIGNAL_NAMES: Readonly<Record<number, string>> = { 1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 6: 'Abort trap', 9: 'Killed', 10: 'Bus error', 11: 'Segmentation fault', 13: 'Broken pipe', 15: 'Terminated' };

/** A negative `launchctl list` status as `last terminating signal` words it: -9 -> `Killed: 9`. */
export const signalOfStatus = (status: number | null): string | null =>
  status !== null && status < 0 ? `${SIGNAL_NAMES[-status] ?? 'Signal'}: ${-status}` : null;

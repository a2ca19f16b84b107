// Parsers for `launchctl print-disabled <domain>` and `launchctl print <domain>/<label>` text, with the real
// `joelclaw gateway diagnose` rules (joelclaw-gateway-facts §7): first match wins, old `=> true|false` is unknown.

/** The launchd label of the gateway. */
export const GATEWAY_LABEL = 'com.joel.gateway';

/** What `print-disabled` says about one label: true = disabled, false = enabled, null = not listed or old shape. */
export interface DisabledLine {
  disabled: boolean | null;
  /** 1-based line of the label's entry, when listed at all. */
  line: number | null;
  /** The raw value after `=>` (e.g. `true` on older macOS), for findings. */
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
    const disabled = raw === 'disabled' ? true : raw === 'enabled' ? false : null;
    return { disabled, line: i + 1, raw };
  }
  return { disabled: null, line: null, raw: null };
}

/** The fields of a `launchctl print` service block that the diagnosis reads. */
export interface LaunchctlService {
  /** Digits only, else null (the real code drops anything else). */
  pid: string | null;
  state: string | null;
  /** Verbatim: `0`, `1`, `(never exited)`, `(Interrupt: 2)`... */
  lastExitCode: string | null;
  runs: number | null;
  program: string | null;
  /** 1-based lines of the fields, for evidence. */
  lines: Partial<Record<'pid' | 'state' | 'lastExitCode' | 'runs', number>>;
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
  const runs = field(lines, 'runs');
  const program = field(lines, 'program');
  const out: LaunchctlService = {
    pid: pid && /^\d+$/.test(pid.value) ? pid.value : null,
    state: state?.value ?? null,
    lastExitCode: lastExit?.value ?? null,
    runs: runs && /^\d+$/.test(runs.value) ? Number(runs.value) : null,
    program: program?.value ?? null,
    lines: {},
  };
  if (pid) out.lines.pid = pid.line;
  if (state) out.lines.state = state.line;
  if (lastExit) out.lines.lastExitCode = lastExit.line;
  if (runs) out.lines.runs = runs.line;
  return out;
}

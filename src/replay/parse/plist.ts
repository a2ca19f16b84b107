import * as plist from 'plist';

// Parser for launchd job plists (joelclaw-gateway-facts §1.7): which program launchd starts, whether it
// keeps it alive, where its logs go. Values under EnvironmentVariables are redacted in bundles; only the
// names are kept here. https://www.manpagez.com/man/5/launchd.plist/

/** The launchd keys the diagnosis reads. */
export interface LaunchdJob {
  label: string | null;
  program: string[];
  keepAlive: boolean | null;
  runAtLoad: boolean | null;
  /** The plist's own `Disabled` key (distinct from `launchctl disable` overrides). */
  disabled: boolean | null;
  userName: string | null;
  stdoutPath: string | null;
  stderrPath: string | null;
  throttleInterval: number | null;
  environmentKeys: string[];
}

export type LaunchdJobParse = { ok: true; job: LaunchdJob } | { ok: false; error: string };

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

// Why: the process layer reports what launchd would run and whether KeepAlive restarts it.
export function parseLaunchdPlist(text: string): LaunchdJobParse {
  // The XML parser logs its complaints to stderr: refuse non-XML text before it sees it.
  if (text.startsWith('bplist')) return { ok: false, error: 'plist is binary (the collector keeps text; convert with plutil)' };
  if (!/<plist[\s>]/.test(text)) return { ok: false, error: 'plist did not parse: no <plist> element' };
  let value: unknown;
  try {
    value = plist.parse(text);
  } catch (e) {
    return { ok: false, error: `plist did not parse: ${String((e as Error).message).split(/[\n[]/)[0]?.trim()}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
    return { ok: false, error: 'plist is not a dictionary' };
  }
  const d = value as Record<string, unknown>;
  const args = Array.isArray(d.ProgramArguments) ? d.ProgramArguments.filter((a): a is string => typeof a === 'string') : [];
  const program = args.length > 0 ? args : str(d.Program) ? [str(d.Program) as string] : [];
  // KeepAlive may be a dictionary of conditions (SuccessfulExit, ...): that still restarts the job.
  const keepAlive = bool(d.KeepAlive) ?? (d.KeepAlive && typeof d.KeepAlive === 'object' ? true : null);
  const env = d.EnvironmentVariables;
  return {
    ok: true,
    job: {
      label: str(d.Label),
      program,
      keepAlive,
      runAtLoad: bool(d.RunAtLoad),
      disabled: bool(d.Disabled),
      userName: str(d.UserName),
      stdoutPath: str(d.StandardOutPath),
      stderrPath: str(d.StandardErrorPath),
      throttleInterval: typeof d.ThrottleInterval === 'number' ? d.ThrottleInterval : null,
      environmentKeys: env && typeof env === 'object' && !Array.isArray(env) ? Object.keys(env).sort() : [],
    },
  };
}

import type { CommandAnswer } from '../spec.js';

// launchctl's output shapes (facts §7): `print-disabled <domain>` lists `"label" => disabled|enabled`
// (older macOS: `=> true|false`), `print <domain>/<label>` is a tab-indented block, a service that is not
// loaded makes `print` fail with exit 113, and `list` is a tab-separated PID / Status / Label table.

export const GATEWAY_LABEL = 'com.joel.gateway';

/** `launchctl print-disabled <domain>`; the gateway's entry plus a few neighbours, as on a real Mac. */
export function launchctlPrintDisabled(
  domain: string,
  services: Record<string, 'disabled' | 'enabled' | boolean>,
): CommandAnswer {
  const all: Record<string, 'disabled' | 'enabled' | boolean> = {
    'com.apple.ftp-proxy': 'disabled',
    'com.joel.gateway-tripwire': 'enabled',
    ...services,
  };
  const lines = Object.entries(all).map(([label, state]) => `\t"${label}" => ${String(state)}`);
  return { stdout: `disabled services = {\n${lines.join('\n')}\n}\nlogin item associations = {\n}\n`, exitCode: 0 };
}

/**
 * `launchctl print <domain>/<label>` for a registered service (the gateway unless `label` says otherwise), laid
 * out as a real capture of a LaunchAgent on macOS 15 (a public `launchctl print gui/501/<label>` transcript):
 * top-level fields one tab in, nested blocks (environments, coalitions) one tab deeper. A job whose last run
 * ended by a signal shows `last terminating signal = <strsignal>: <n>` in place of the `last exit code` line; a
 * StartInterval job (a helper such as the tripwire) shows `run interval = N seconds` (public captures of
 * `launchctl print gui/$(id -u)/<label>` quote that line) and is not keepalive.
 */
export function launchctlPrint(o: {
  domain: string;
  state: string;
  pid?: number | null;
  lastExitCode?: string | number;
  /** e.g. `Killed: 9`, `Terminated: 15`: replaces the last exit code line. */
  lastSignal?: string;
  path: string;
  program: string;
  runs?: number;
  label?: string;
  stdoutPath?: string;
  stderrPath?: string;
  /** StartInterval jobs print `run interval = N seconds` and are not keepalive. */
  runIntervalSec?: number;
}): CommandAnswer {
  const label = o.label ?? GATEWAY_LABEL;
  const interval = o.runIntervalSec === undefined ? [] : [`\trun interval = ${o.runIntervalSec} seconds`];
  const properties = o.runIntervalSec === undefined ? 'keepalive | runatload | inferred program' : 'runatload | inferred program';
  const gui = o.domain.startsWith('gui/');
  const asid = 100_002;
  const exit = o.lastSignal !== undefined ? `\tlast terminating signal = ${o.lastSignal}` : `\tlast exit code = ${o.lastExitCode ?? '(never exited)'}`;
  const coalition = (kind: string, id: number) => [`\t${kind} coalition = {`, `\t\tID = ${id}`, `\t\ttype = ${kind}`, '\t\tstate = active', '\t\tactive count = 1', `\t\tname = ${label}`, '\t}', ''];
  const lines = [
    `${o.domain}/${label} = {`,
    `\tactive count = ${o.pid ? 1 : 0}`,
    `\tpath = ${o.path}`,
    `\ttype = ${gui ? 'LaunchAgent' : 'LaunchDaemon'}`,
    `\tstate = ${o.state}`,
    '',
    `\tprogram = ${o.program}`,
    '\targuments = {',
    `\t\t${o.program}`,
    '\t}',
    '',
    ...(o.stdoutPath === '' ? [] : [`\tstdout path = ${o.stdoutPath ?? '/tmp/joelclaw/gateway.log'}`]),
    ...(o.stderrPath === '' ? [] : [`\tstderr path = ${o.stderrPath ?? '/tmp/joelclaw/gateway.err'}`]),
    '\tinherited environment = {',
    '\t\tSSH_AUTH_SOCK => /private/tmp/com.apple.launchd.xyz/Listeners',
    '\t}',
    '',
    '\tdefault environment = {',
    '\t\tPATH => /usr/bin:/bin:/usr/sbin:/sbin',
    '\t}',
    '',
    '\tenvironment = {',
    `\t\tXPC_SERVICE_NAME => ${label}`,
    '\t}',
    '',
    `\tdomain = ${gui ? `${o.domain} [${asid}]` : o.domain}`,
    ...(gui ? [`\tasid = ${asid}`] : []),
    '\tminimum runtime = 10',
    '\texit timeout = 5',
    `\truns = ${o.runs ?? 1}`,
    ...interval,
    ...(o.pid ? [`\tpid = ${o.pid}`] : []),
    `\timmediate reason = ${o.pid ? 'speculative' : 'inefficient'}`,
    '\tforks = 0',
    `\texecs = ${o.runs ?? 1}`,
    '\tinitialized = 1',
    '\ttrampolined = 1',
    '\tstarted suspended = 0',
    '\tproxy started suspended = 0',
    exit,
    '',
    ...coalition('resource', 1114),
    ...coalition('jetsam', 1115),
    '\tspawn type = daemon (3)',
    '\tjetsam priority = 40',
    '\tjetsam memory limit (active) = (unlimited)',
    '\tjetsam memory limit (inactive) = (unlimited)',
    '\tjetsamproperties category = daemon',
    '\tjetsam thread limit = 32',
    '\tcpumon = default',
    '',
    `\tproperties = ${properties}`,
    '}',
  ];
  return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
}

/** `launchctl print <domain>/<label>` when the service is not loaded in that domain. */
export function launchctlNotFound(domain: string, label = GATEWAY_LABEL): CommandAnswer {
  return {
    stdout: '',
    stderr: `Bad request.\nCould not find service "${label}" in domain for ${domain.startsWith('gui/') ? `user gui: ${domain.slice(4)}` : 'system'}\n`,
    exitCode: 113,
  };
}

/**
 * `launchctl list` as the user runs it (the gui domain's jobs): a `PID\tStatus\tLabel` header, then one
 * tab-separated row per job; `-` for a job with no process; Status is the last exit status, negative for the
 * signal that killed it (launchctl(1), "list"; public captures list rows like `-\t0\tcom.apple.Safari`).
 */
export function launchctlList(jobs: Record<string, { pid: number | null; status: number | null }>): CommandAnswer {
  const all: Record<string, { pid: number | null; status: number | null }> = {
    'com.apple.mdworker.shared.0B000000-0000-0000-0000-000000000000': { pid: null, status: 0 },
    'com.joel.gateway-tripwire': { pid: null, status: 0 },
    'com.apple.Safari.History': { pid: 812, status: 0 },
    ...jobs,
  };
  const rows = Object.entries(all).map(([label, j]) => `${j.pid ?? '-'}\t${j.status ?? '-'}\t${label}`);
  return { stdout: `PID\tStatus\tLabel\n${rows.join('\n')}\n`, exitCode: 0 };
}

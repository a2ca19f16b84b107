import type { CommandAnswer } from '../spec.js';

// launchctl's output shapes (facts §7): `print-disabled <domain>` lists `"label" => disabled|enabled`
// (older macOS: `=> true|false`), `print <domain>/<label>` is a tab-indented block, and a service that is not
// loaded makes `print` fail with exit 113.

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

/** `launchctl print <domain>/<label>` for a registered service (the gateway unless `label` says otherwise). */
export function launchctlPrint(o: {
  domain: string;
  state: string;
  pid?: number | null;
  lastExitCode?: string | number;
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
  const lines = [
    `${o.domain}/${label} = {`,
    '\tactive count = 1',
    `\tpath = ${o.path}`,
    `\ttype = ${o.domain.startsWith('gui/') ? 'LaunchAgent' : 'LaunchDaemon'}`,
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
    `\tdomain = ${o.domain}`,
    '\tminimum runtime = 10',
    '\texit timeout = 5',
    `\truns = ${o.runs ?? 1}`,
    ...interval,
    ...(o.pid ? [`\tpid = ${o.pid}`] : []),
    '\timmediate reason = speculative',
    '\tforks = 0',
    `\tlast exit code = ${o.lastExitCode ?? '(never exited)'}`,
    '',
    '\tspawn type = daemon (3)',
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

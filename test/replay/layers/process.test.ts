import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import layer, { processFacts } from '../../../src/replay/layers/process.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';
import { launchctlList, launchctlPrint, launchctlPrintDisabled } from '../../helpers/simulated-host/formats.js';

const print = (domain: string, pid: string | null, state = 'running', lastExit = '(never exited)') =>
  [`${domain}/com.joel.gateway = {`, '\tactive count = 1', `\tstate = ${state}`, '\tprogram = /Users/joel/Code/joelhooks/joelclaw/infra/gateway-daemon.sh', '\truns = 4', ...(pid ? [`\tpid = ${pid}`] : []), `\tlast exit code = ${lastExit}`, '}', ''].join('\n');
const disabledList = (value: string) => `disabled services = {\n\t"com.apple.x" => enabled\n\t"com.joel.gateway" => ${value}\n}\n`;
const psTable = (...rows: string[]) => ['  PID  PPID STARTED                          ELAPSED COMMAND', '    1     0 Mon Nov 24 08:00:00 2026      3-04:00:00 /sbin/launchd', ...rows, ''].join('\n');
const daemonRow = (pid: number, etime = '02:00:00') => ` ${pid}     1 Thu Nov 27 10:00:00 2026 ${etime.padStart(15)} bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts`;
const transportRow = (pid: number) => ` ${pid}     1 Thu Nov 27 10:00:00 2026        02:00:00 bun /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/transport-daemon.ts`;
const notFound = (domain: string): ArtifactInput => ({ content: '', status: 'error', exitCode: 113, stderr: `Could not find service "com.joel.gateway" in domain for ${domain}` });
const freshHeartbeat: ArtifactInput = { content: 'export const lastHeartbeatTs = 1795348800000;\n', mtime: '2026-11-27T11:50:00.000Z' };

/** A healthy system LaunchDaemon with pid 4242 everywhere. */
const healthy = (): Record<string, ArtifactInput> => ({
  [A.launchctlPrintSystem.id]: print('system', '4242'),
  [A.launchctlDisabledSystem.id]: disabledList('enabled'),
  [A.launchctlPrintGui.id]: notFound('gui/501'),
  [A.launchctlDisabledGui.id]: 'disabled services = {\n}\n',
  [A.ps.id]: psTable(daemonRow(4242)),
  [A.pidFile.id]: '4242\n',
  [A.heartbeatFile.id]: freshHeartbeat,
});

const run = (arts: Record<string, ArtifactInput>) => layer.run(createContext(bundleFrom(arts)));
const facts = (arts: Record<string, ArtifactInput>) => processFacts(createContext(bundleFrom(arts)));

describe('process layer', () => {
  it('is ok when launchd runs the pid that ps lists and the pid file names', () => {
    const r = run(healthy());
    expect(r.status).toBe('ok');
    expect(r.detail).toBe('PID 4242 alive, launchd state running, PID file matches');
    expect(r.findings.map((f) => f.messageId)).toEqual(expect.arrayContaining(['launchdState', 'runtime-legacy', 'uptime', 'heartbeat']));
  });

  it('degrades when a second gateway process runs outside launchd (manual run or launchd drift)', () => {
    const r = run({ ...healthy(), [A.ps.id]: psTable(daemonRow(4242), transportRow(5151)) });
    expect(r.status).toBe('degraded');
    expect(r.detail).toBe('PID 4242 alive, launchd state running, PID file matches; another gateway process runs beside it (pid 5151): manual run or launchd drift');
  });

  it('does not count bun as a second gateway when launchd runs it under a shell that did not exec', () => {
    const shell = '  4242     1 Thu Nov 27 10:00:00 2026        02:00:00 /bin/bash /Users/joel/Code/joelhooks/joelclaw/infra/gateway-daemon.sh';
    const child = ' 4243  4242 Thu Nov 27 10:00:01 2026        01:59:59 bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts';
    const f = facts({ ...healthy(), [A.ps.id]: psTable(shell, child) });
    expect(f.strayPids).toEqual([]);
  });

  it('says the pid file is missing without degrading', () => {
    const r = run({ ...healthy(), [A.pidFile.id]: { status: 'missing', reason: 'no such file' } });
    expect(r).toMatchObject({ status: 'ok', detail: 'PID 4242 alive, launchd state running, PID file missing' });
  });

  it('degrades on a stale pid file (rule 3)', () => {
    const r = run({ ...healthy(), [A.pidFile.id]: '3999\n' });
    expect(r).toMatchObject({ status: 'degraded', detail: 'PID 4242 alive, launchd state running, PID file stale (file: 3999)' });
    expect(r.findings.find((f) => f.messageId === 'pidFileStale')?.evidence[0]?.artifact).toBe(A.pidFile.id);
  });

  it('degrades when the daemon is alive but launchd has it disabled (rule 1)', () => {
    const r = run({ ...healthy(), [A.launchctlDisabledSystem.id]: disabledList('disabled') });
    expect(r).toMatchObject({ status: 'degraded', detail: 'PID 4242 alive but launchd service com.joel.gateway is disabled' });
  });

  it('fails when launchd has it disabled and nothing runs (rule 2)', () => {
    const r = run({ ...healthy(), [A.launchctlDisabledSystem.id]: disabledList('disabled'), [A.launchctlPrintSystem.id]: notFound('system'), [A.ps.id]: psTable() });
    expect(r).toMatchObject({ status: 'failed', detail: 'Launchd service com.joel.gateway is disabled' });
  });

  it('degrades when a manually started daemon runs outside launchd (rule 4)', () => {
    const r = run({ ...healthy(), [A.launchctlPrintSystem.id]: notFound('system') });
    expect(r).toMatchObject({ status: 'degraded', detail: 'PID 4242 alive but launchd service is not registered' });
  });

  it('fails with the real detail when the daemon is not running (rule 5)', () => {
    const r = run({ ...healthy(), [A.launchctlPrintSystem.id]: print('system', null, 'not running', '1'), [A.ps.id]: psTable(), [A.pidFile.id]: '4242\n' });
    expect(r).toMatchObject({ status: 'failed', detail: 'Daemon not running (launchd: not running, disabled: enabled, lastExit: 1, pidFile: 4242)' });
    expect(r.findings.some((f) => f.messageId === 'lastExitNonZero')).toBe(true);
  });

  it('fails as "no gateway on this machine" when no plist, service, process, file or /health of it exists', () => {
    const missing = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, { status: 'missing' as const, reason: 'no such file' }]));
    const nothing = {
      ...missing([A.launchAgentPlist.id, A.launchDaemonPlist.id, A.gatewayLog.id, A.gatewayErrLog.id, A.pidFile.id, A.heartbeatFile.id, A.lifecycleMarker.id, A.sessionIdFile.id, A.startScript.id, A.piSettings.id]),
      [A.launchctlPrintSystem.id]: notFound('system'),
      [A.launchctlPrintGui.id]: notFound('gui/501'),
      [A.ps.id]: psTable(),
      [A.health.id]: { status: 'error' as const, reason: 'connect ECONNREFUSED 127.0.0.1:3018' },
    };
    const r = run(nothing);
    expect(r.status).toBe('failed');
    expect(r.detail).toBe('no gateway on this machine: no gateway plist, no launchd service, no gateway process, no /tmp/joelclaw or ~/.joelclaw files, no /health');
    expect(r.findings.find((f) => f.messageId === 'noGateway')?.text).toContain(A.launchAgentPlist.id);
    // One trace of the gateway (a gateway.err left behind) and it is a daemon that is down, not an absent one.
    expect(run({ ...nothing, [A.gatewayErrLog.id]: 'agent-secrets did not become ready within 60 seconds\n' }).detail).toMatch(/^Daemon not running/);
  });

  it('judges liveness by the ps table, so a pid file of a dead process is not alive', () => {
    const r = run({ ...healthy(), [A.launchctlPrintSystem.id]: notFound('system'), [A.ps.id]: psTable(), [A.pidFile.id]: '4242\n' });
    expect(r.status).toBe('failed');
    expect(r.detail).toBe('Daemon not running (launchd: not registered, disabled: enabled, pidFile: 4242)');
  });

  it('judges liveness from launchd when ps was not collected', () => {
    const r = run({ ...healthy(), [A.ps.id]: { status: 'timeout', reason: 'timed out after 10 s' } });
    expect(r).toMatchObject({ status: 'ok', detail: 'PID 4242 alive, launchd state running, PID file matches' });
  });

  it('judges ps and the pid file alone on a host without launchctl', () => {
    const noLaunchctl = { status: 'missing' as const, reason: 'command not found: launchctl' };
    const arts = { [A.launchctlPrintSystem.id]: noLaunchctl, [A.launchctlPrintGui.id]: noLaunchctl, [A.launchctlDisabledSystem.id]: noLaunchctl, [A.launchctlDisabledGui.id]: noLaunchctl, [A.ps.id]: psTable(daemonRow(4242)), [A.pidFile.id]: '4242\n' };
    expect(run(arts)).toMatchObject({ status: 'ok', detail: 'PID 4242 alive (launchctl not available), PID file matches' });
    expect(run({ ...arts, [A.ps.id]: psTable() }).status).toBe('failed');
  });

  it('degrades on a stale pid file on a host without launchctl, and fails when nothing runs there', () => {
    const noLaunchctl = { status: 'missing' as const, reason: 'command not found: launchctl' };
    const arts = { [A.launchctlPrintSystem.id]: noLaunchctl, [A.launchctlPrintGui.id]: noLaunchctl, [A.launchctlDisabledSystem.id]: noLaunchctl, [A.launchctlDisabledGui.id]: noLaunchctl, [A.ps.id]: psTable(daemonRow(4242)), [A.pidFile.id]: '3999\n' };
    expect(run(arts)).toMatchObject({ status: 'degraded', detail: 'PID 4242 alive (launchctl not available), PID file stale (file: 3999)' });
    expect(run(arts).findings.map((f) => f.messageId)).toContain('pidFileStale');
    // a stale pid file of a daemon that is gone: no launchd to restart it, so the gateway is down
    expect(run({ ...arts, [A.ps.id]: psTable() })).toMatchObject({ status: 'failed', detail: 'Daemon not running (launchctl not available, pidFile: 3999)' });
  });

  it('follows the slim transport that launchd runs and reports the plist', () => {
    const plist = '<?xml version="1.0"?><plist version="1.0"><dict><key>Label</key><string>com.joel.gateway</string><key>ProgramArguments</key><array><string>/x/infra/gateway-daemon.sh</string></array><key>KeepAlive</key><true/></dict></plist>';
    const r = run({ ...healthy(), [A.launchctlPrintSystem.id]: print('system', '4300'), [A.pidFile.id]: '4300\n', [A.ps.id]: psTable(transportRow(4300)), [A.launchDaemonPlist.id]: plist });
    expect(r).toMatchObject({ status: 'ok', detail: 'PID 4300 alive, launchd state running, PID file matches' });
    expect(r.findings.find((f) => f.messageId === 'runtime-slim')).toBeDefined();
    expect(r.findings.find((f) => f.messageId === 'plist')?.text).toBe('plist runs /x/infra/gateway-daemon.sh, KeepAlive true');
  });

  it('treats a ps output without process rows as unreadable, not as nothing running', () => {
    const r = run({ [A.ps.id]: 'ps: illegal option -- o\n', [A.pidFile.id]: '4242\n' });
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('no process rows');
  });

  it('is unknown with reasons when neither ps nor launchctl was collected', () => {
    const r = run({ [A.pidFile.id]: '4242\n' });
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('cmd/ps');
    expect(r.reason).toContain('launchctl');
  });

  it('degrades on a heartbeat older than 1800 s', () => {
    const r = run({ ...healthy(), [A.heartbeatFile.id]: { content: 'export const lastHeartbeatTs = 1795340000000;\n', mtime: '2026-11-27T11:00:00.000Z' } });
    expect(r.status).toBe('degraded');
    expect(r.detail).toBe('PID 4242 alive, launchd state running, PID file matches; heartbeat stale (3600s)');
  });

  it('excuses an old heartbeat in sleep mode', () => {
    const old: ArtifactInput = { content: '1795340000000', mtime: '2026-11-27T11:00:00.000Z' };
    const r = run({ ...healthy(), [A.heartbeatFile.id]: old, [A.redisMode.id]: 'sleep' });
    expect(r.status).toBe('ok');
    expect(r.findings.find((f) => f.messageId === 'heartbeat')?.text).toContain('sleep');
  });

  it('excuses an old heartbeat during the startup grace of a young daemon', () => {
    const old: ArtifactInput = { content: '1795340000000', mtime: '2026-11-27T11:00:00.000Z' };
    const arts = { ...healthy(), [A.heartbeatFile.id]: old, [A.ps.id]: psTable(daemonRow(4242, '10:00')) };
    expect(run(arts).status).toBe('ok');
    expect(facts(arts).heartbeat).toMatchObject({ ageSec: 3600, stale: false, excused: 'startup-grace' });
  });
});

describe('processFacts', () => {
  it('chooses the system domain when its plist exists even if unregistered', () => {
    const f = facts({ [A.launchctlPrintSystem.id]: notFound('system'), [A.launchctlPrintGui.id]: print('gui/501', '7'), [A.launchDaemonPlist.id]: '<plist version="1.0"><dict/></plist>' });
    expect(f).toMatchObject({ domain: 'system', registered: false, launchdPid: null });
  });

  it('chooses the gui domain when it is registered and the system one is not', () => {
    const f = facts({ [A.launchctlPrintSystem.id]: notFound('system'), [A.launchctlPrintGui.id]: print('gui/501', '77') });
    expect(f).toMatchObject({ domain: 'gui', registered: true, launchdPid: '77', runs: 4 });
  });

  it('chooses the gui domain when only its disabled list names the service', () => {
    const f = facts({ [A.launchctlPrintSystem.id]: notFound('system'), [A.launchctlPrintGui.id]: notFound('gui/501'), [A.launchctlDisabledGui.id]: disabledList('disabled') });
    expect(f).toMatchObject({ domain: 'gui', disabled: true });
  });

  it('falls back to the unregistered system domain', () => {
    const f = facts({ [A.launchctlPrintSystem.id]: notFound('system'), [A.launchctlPrintGui.id]: notFound('gui/501'), [A.launchctlDisabledGui.id]: 'disabled services = {\n}\n' });
    expect(f).toMatchObject({ domain: 'system', registered: false, disabled: null });
  });

  it('tells the slim transport from the legacy daemon and both', () => {
    expect(facts({ [A.ps.id]: psTable(transportRow(4300)) }).runtime).toBe('slim');
    expect(facts({ [A.ps.id]: psTable(transportRow(4300), daemonRow(4242)) })).toMatchObject({ runtimesSeen: 'both', runtime: 'legacy' });
    expect(facts({ [A.ps.id]: psTable() })).toMatchObject({ runtimesSeen: 'none', runtime: 'unknown' });
    expect(facts({}).runtime).toBe('unknown');
  });

  it('takes the daemon pid from ps when launchd has none, else from the pid file', () => {
    expect(facts({ [A.ps.id]: psTable(daemonRow(4242)), [A.pidFile.id]: '99\n' }).daemonPid).toBe('4242');
    expect(facts({ [A.ps.id]: psTable(), [A.pidFile.id]: '99\n' })).toMatchObject({ daemonPid: '99', alive: false });
  });

  describe('on the shapes a real Mac prints', () => {
    const AGENT = '/Users/joel/Library/LaunchAgents/com.joel.gateway.plist';
    const PROGRAM = '/Users/joel/Code/joelhooks/joelclaw/infra/gateway-daemon.sh';
    /** A SIGKILL crash loop in gui/501: launchd waits to respawn it; print names the signal, list a -9. */
    const crashLoop = (): Record<string, ArtifactInput> => ({
      [A.launchctlPrintGui.id]: launchctlPrint({ domain: 'gui/501', state: 'spawn scheduled', pid: null, lastSignal: 'Killed: 9', path: AGENT, program: PROGRAM, runs: 212 }).stdout,
      [A.launchctlDisabledGui.id]: launchctlPrintDisabled('gui/501', { 'com.joel.gateway': 'enabled' }).stdout,
      [A.launchctlPrintSystem.id]: notFound('system'),
      [A.launchctlList.id]: launchctlList({ 'com.joel.gateway': { pid: null, status: -9 } }).stdout,
      [A.ps.id]: psTable(),
      [A.pidFile.id]: '4242\n',
    });

    it('names the signal that ended the last run, which launchctl print shows instead of a last exit code', () => {
      const r = run(crashLoop());
      expect(r.status).toBe('failed');
      expect(r.detail).toBe('Daemon not running (launchd: spawn scheduled, disabled: enabled, last signal: Killed: 9, pidFile: 4242)');
      const signal = r.findings.find((f) => f.messageId === 'lastSignal');
      expect(signal?.text).toBe('launchd: the last run was killed by signal Killed: 9 after 212 runs; state spawn scheduled: launchd keeps relaunching it');
      expect(signal?.evidence[0]).toMatchObject({ artifact: A.launchctlPrintGui.id, excerpt: 'last terminating signal = Killed: 9' });
      expect(r.findings.find((f) => f.messageId === 'launchdState')?.text).toBe('launchd gui/com.joel.gateway: state spawn scheduled, pid none, runs 212, last terminating signal Killed: 9');
    });

    it("reads launchctl list's row for the job, a negative status being the killing signal", () => {
      const arts = { ...crashLoop(), [A.launchctlPrintGui.id]: notFound('gui/501') };
      expect(facts(arts)).toMatchObject({ lastSignal: 'Killed: 9', listJob: { pid: null, status: -9 } });
      expect(run(arts).findings.find((f) => f.messageId === 'launchctlList')?.text).toBe('launchctl list: com.joel.gateway pid -, last status -9 (Killed: 9)');
    });

    it('reads the older `=> true` of print-disabled as disabled', () => {
      const r = run({ ...crashLoop(), [A.launchctlDisabledGui.id]: launchctlPrintDisabled('gui/501', { 'com.joel.gateway': true }).stdout });
      expect(r.status).toBe('failed');
      expect(r.detail).toBe('Launchd service com.joel.gateway is disabled');
      expect(facts({ ...healthy(), [A.launchctlDisabledSystem.id]: launchctlPrintDisabled('system', { 'com.joel.gateway': false }).stdout }).disabled).toBe(false);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { parseDisabled, parseLaunchctlList, parseLaunchctlPrint, signalOfStatus } from '../../../src/replay/parse/launchctl.js';
import { launchctlList, launchctlPrint } from '../../helpers/simulated-host/formats.js';

const PRINT = [
  'system/com.joel.gateway = {',
  '\tactive count = 1',
  '\tpath = /Library/LaunchDaemons/com.joel.gateway.plist',
  '\tstate = running',
  '\tprogram = /Users/joel/Code/joelhooks/joelclaw/infra/gateway-daemon.sh',
  '\truns = 3',
  '\tpid = 4242',
  '\tlast exit code = (never exited)',
  '\tendpoints = {',
  '\t\tstate = active',
  '\t}',
  '}',
].join('\n');

describe('parseDisabled', () => {
  it('reads disabled and enabled entries case-insensitively with their line', () => {
    const text = 'disabled services = {\n\t"com.apple.foo" => enabled\n\t"com.joel.gateway" => Disabled\n}\n';
    expect(parseDisabled(text)).toEqual({ disabled: true, line: 3, raw: 'disabled' });
    expect(parseDisabled(text.replace('Disabled', 'enabled')).disabled).toBe(false);
  });

  it('reads the older true/false shape as disabled/enabled, and an absent label as unknown', () => {
    expect(parseDisabled('disabled services = {\n\t"com.joel.gateway" => true\n}')).toEqual({ disabled: true, line: 2, raw: 'true' });
    expect(parseDisabled('disabled services = {\n\t"com.joel.gateway" => false\n}').disabled).toBe(false);
    expect(parseDisabled('disabled services = {\n\t"com.joel.gateway-tripwire" => disabled\n}')).toEqual({ disabled: null, line: null, raw: null });
  });
});

describe('parseLaunchctlPrint', () => {
  it('takes the first match of each field, as the real diagnose does', () => {
    const s = parseLaunchctlPrint(PRINT);
    expect(s).toMatchObject({ pid: '4242', state: 'running', lastExitCode: '(never exited)', runs: 3 });
    expect(s.lines.pid).toBe(7);
  });

  it('drops a pid that is not all digits and leaves absent fields null', () => {
    const s = parseLaunchctlPrint('gui/501/com.joel.gateway = {\n\tstate = not running\n\tpid = -\n}');
    expect(s.pid).toBeNull();
    expect(s.state).toBe('not running');
    expect(s.lastExitCode).toBeNull();
    expect(s.runs).toBeNull();
  });
});

describe('on a real-capture layout', () => {
  it('reads the top-level state, not a coalition\'s, and the signal printed in place of the exit code', () => {
    const { stdout } = launchctlPrint({ domain: 'gui/501', state: 'spawn scheduled', pid: null, lastSignal: 'Killed: 9', path: '/p', program: '/prog', runs: 212 });
    expect(parseLaunchctlPrint(stdout)).toMatchObject({ state: 'spawn scheduled', pid: null, lastExitCode: null, lastSignal: 'Killed: 9', runs: 212 });
  });

  it('reads the job row of launchctl list: tab-separated, `-` for no pid, negative status for a signal', () => {
    const { stdout } = launchctlList({ 'com.joel.gateway': { pid: null, status: -9 }, 'com.joel.gateway-other': { pid: 77, status: 0 } });
    expect(stdout.split('\n')[0]).toBe('PID\tStatus\tLabel');
    expect(parseLaunchctlList(stdout)).toMatchObject({ pid: null, status: -9 });
    expect(parseLaunchctlList('PID\tStatus\tLabel\n4242\t0\tcom.joel.gateway\n')).toEqual({ pid: '4242', status: 0, line: 2 });
    expect(parseLaunchctlList('PID\tStatus\tLabel\n')).toBeNull();
    expect([signalOfStatus(-9), signalOfStatus(-15), signalOfStatus(1)]).toEqual(['Killed: 9', 'Terminated: 15', null]);
  });
});

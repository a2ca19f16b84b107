import { describe, expect, it } from 'vitest';
import { parseDisabled, parseLaunchctlPrint } from '../../../src/replay/parse/launchctl.js';

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

  it('treats the old true/false shape and an absent label as unknown', () => {
    expect(parseDisabled('disabled services = {\n\t"com.joel.gateway" => true\n}').disabled).toBeNull();
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

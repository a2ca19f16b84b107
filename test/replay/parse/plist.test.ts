import { describe, expect, it } from 'vitest';
import { parseLaunchdPlist } from '../../../src/replay/parse/plist.js';

const PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>Label</key><string>com.joel.gateway</string>
  <key>UserName</key><string>joel</string>
  <key>ProgramArguments</key><array><string>/Users/joel/Code/joelhooks/joelclaw/infra/gateway-daemon.sh</string></array>
  <key>EnvironmentVariables</key><dict><key>SLOG_SESSION_ID</key><string>gateway</string><key>HOME</key><string>/Users/joel</string></dict>
  <key>RunAtLoad</key><true/>
  <key>KeepAlive</key><true/>
  <key>ThrottleInterval</key><integer>10</integer>
  <key>StandardErrorPath</key><string>/tmp/joelclaw/gateway.err</string>
</dict></plist>`;

describe('parseLaunchdPlist', () => {
  it('reads the keys launchd uses to start the gateway', () => {
    const r = parseLaunchdPlist(PLIST);
    if (!r.ok) throw new Error(r.error);
    expect(r.job).toMatchObject({ label: 'com.joel.gateway', keepAlive: true, runAtLoad: true, throttleInterval: 10, userName: 'joel', stderrPath: '/tmp/joelclaw/gateway.err', disabled: null });
    expect(r.job.program).toEqual(['/Users/joel/Code/joelhooks/joelclaw/infra/gateway-daemon.sh']);
    expect(r.job.environmentKeys).toEqual(['HOME', 'SLOG_SESSION_ID']);
  });

  it('treats a KeepAlive dictionary as keep-alive', () => {
    const r = parseLaunchdPlist(PLIST.replace('<key>KeepAlive</key><true/>', '<key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>'));
    expect(r.ok && r.job.keepAlive).toBe(true);
  });

  it('gives a one-line error for text that is not a plist', () => {
    const r = parseLaunchdPlist('not a plist <<<');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^plist did not parse: [^\n]*$/);
  });
});

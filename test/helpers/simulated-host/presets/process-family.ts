import { launchctlList, launchctlNotFound, launchctlPrint, launchctlPrintDisabled } from '../formats/launchctl.js';
import { healthResponse } from '../formats/health.js';
import { minutesBefore, msBefore } from '../spec.js';
import type { HostDraft } from './draft.js';
import { DAEMON_PID, GATEWAY_PROGRAM, healthyDraft, TURN_MINUTES } from './healthy.js';
import { startupRecords, turnRecords } from './records.js';

// Our own process-layer scenarios: launchd disabled, registered but not running, a stale pid file, and a
// heartbeat tripwire gone stale while the process is up.

const AGENT_PLIST = '/Users/joel/Library/LaunchAgents/com.joel.gateway.plist';

/** The daemon died 40 min ago (its last turn at 50), nothing answers, the heartbeat stopped then. */
function deadSince(d: HostDraft, minutes: number): void {
  d.processes = [];
  d.health = 'refused';
  d.heartbeat = { ms: msBefore(minutes + 2), mtime: minutesBefore(minutes + 2) };
  d.gatewayLog = [...startupRecords({ pid: DAEMON_PID, lifecycleRestart: d.lifecycle }), ...TURN_MINUTES.filter((m) => m > minutes).flatMap((m) => turnRecords(msBefore(m)))];
  d.session!.entries = d.session!.entries.filter((e) => Date.parse(e.timestamp) < Date.parse(minutesBefore(minutes)));
  d.otelEvents = d.otelEvents.filter((e) => Date.parse(e.ts) < Date.parse(minutesBefore(minutes)));
}

/** Ours: `launchctl disable`d in gui/501, so not loaded; the crashed daemon left its pid and port files. */
export function launchdDisabled(): HostDraft {
  const d = healthyDraft();
  deadSince(d, 40);
  d.launchd.disabledGui = launchctlPrintDisabled('gui/501', { 'com.joel.gateway': 'disabled' });
  d.launchd.printGui = launchctlNotFound('gui/501');
  d.launchd.list = launchctlList({});
  return d;
}

/** Ours: registered but `not running`, last exit code 1; the start script gave up waiting for secrets. */
export function daemonDown(): HostDraft {
  const d = healthyDraft();
  deadSince(d, 40);
  d.pidFile = null;
  d.wsPortFile = false;
  d.launchd.printGui = launchctlPrint({ domain: 'gui/501', state: 'not running', pid: null, lastExitCode: 1, path: AGENT_PLIST, program: GATEWAY_PROGRAM, runs: 14 });
  d.launchd.list = launchctlList({ 'com.joel.gateway': { pid: null, status: 1 } });
  d.gatewayErr = Array.from({ length: 3 }, () => 'agent-secrets did not become ready within 60 seconds');
  d.gatewayLog.push(...Array.from({ length: 3 }, () => 'gateway-start.sh invoked'));
  return d;
}

/** Ours: launchd runs pid 4242 but gateway.pid still says 3999. */
export function stalePidFile(): HostDraft {
  const d = healthyDraft();
  d.pidFile = 3999;
  d.extraFiles['/tmp/joelclaw/gateway.pid'] = { content: '3999\n', mtime: minutesBefore(300) };
  return d;
}

/** Ours: the tripwire file was last written 3 h ago while the daemon has been up 6 h (not asleep). */
export function heartbeatStale(): HostDraft {
  const d = healthyDraft();
  const upSec = 6 * 3600;
  d.heartbeat = { ms: msBefore(180), mtime: minutesBefore(180) };
  d.processes = [{ ...d.processes[0]!, elapsedSec: upSec }];
  d.lifecycle = { status: 'completed', reason: 'SIGTERM', requestedAt: minutesBefore(360.2), completedAt: minutesBefore(360), previousPid: 3999, newPid: DAEMON_PID };
  d.gatewayLog = [...startupRecords({ pid: DAEMON_PID, lifecycleRestart: d.lifecycle }), ...TURN_MINUTES.flatMap((m) => turnRecords(msBefore(m)))];
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs: upSec * 1000 });
  d.otelEvents = d.otelEvents.filter((e) => e.action !== 'heartbeat.tick' && e.action !== 'daemon.started');
  return d;
}

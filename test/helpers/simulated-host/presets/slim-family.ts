import { bunRecord } from '../formats/bun.js';
import { launchctlList, launchctlPrint } from '../formats/launchctl.js';
import { otelEvent } from '../formats/otel.js';
import { DAEMON_COMMAND, TRANSPORT_COMMAND } from '../formats/ps.js';
import { minutesBefore, msBefore } from '../spec.js';
import type { HostDraft } from './draft.js';
import { GATEWAY_PROGRAM, healthyDraft } from './healthy.js';
import { telegramConflictRecords } from './channel-family.js';

// The slim transport runtime (facts §0.11, §8.10): only gateway.pid and last-heartbeat.ts, no ws.port,
// /health, session file or transcript, logs prefixed [gateway:transport]; and the same with a leftover
// legacy daemon still polling Telegram (409 conflicts).

export const TRANSPORT_PID = 5120;

/** Ours: the slim transport is the live runtime and healthy by its own lights. */
export function slimTransport(): HostDraft {
  const d = healthyDraft();
  const upSec = 50 * 60;
  d.startScriptDaemon = 'transport-daemon.ts';
  d.processes = [{ pid: TRANSPORT_PID, ppid: 1, elapsedSec: upSec, command: TRANSPORT_COMMAND }];
  d.pidFile = TRANSPORT_PID;
  d.wsPortFile = false;
  d.health = 'refused';
  d.sessionIdFile = null;
  d.session = null;
  d.extraFiles = {};
  d.lifecycle = null;
  d.heartbeat = { ms: msBefore(5), mtime: minutesBefore(5) };
  d.launchd.printGui = launchctlPrint({
    domain: 'gui/501',
    state: 'running',
    pid: TRANSPORT_PID,
    path: '/Users/joel/Library/LaunchAgents/com.joel.gateway.plist',
    program: GATEWAY_PROGRAM,
    runs: 3,
    lastExitCode: 0,
  });
  d.launchd.list = launchctlList({ 'com.joel.gateway': { pid: TRANSPORT_PID, status: 0 } });
  d.gatewayLog = [
    'gateway-start.sh invoked',
    // transport-daemon.ts:474; runtime.configured lists the configured channels
    bunRecord('[gateway:transport] slim transport ready', { fallbackChannel: 'telegram', configured: ['telegram', 'slack'] }, 'log'),
  ];
  d.gatewayErr = [];
  d.redis = { ...(d.redis as object), extraKeys: { 'gateway:agent:heartbeat': String(msBefore(1)) } };
  d.otelEvents = [otelEvent({ component: 'transport', action: 'transport.started', minutesAgo: 50, metadataKeys: ['pid'] })];
  return d;
}

/** Ours: slim transport live, and a legacy daemon.ts from an old shell still polls the same bot token. */
export function legacyDaemonPolling(): HostDraft {
  const d = slimTransport();
  d.processes.push({ pid: 3377, ppid: 8810, elapsedSec: 2 * 86_400 + 3600, command: DAEMON_COMMAND });
  d.gatewayErr = telegramConflictRecords(5);
  return d;
}

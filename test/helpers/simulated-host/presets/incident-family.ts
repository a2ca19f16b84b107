import { bunRecord } from '../formats/bun.js';
import { healthResponse } from '../formats/health.js';
import { launchdJobPlistXml } from '../formats/config-files.js';
import { launchctlNotFound, launchctlPrint, launchctlPrintDisabled } from '../formats/launchctl.js';
import { otelEvent } from '../formats/otel.js';
import { assistantText, userMessage } from '../formats/session-jsonl.js';
import { type K8sStateSpec, PATHS, minutesBefore, msBefore } from '../spec.js';
import type { HostDraft } from './draft.js';
import { DAEMON_PID, DAEMON_UPTIME_SEC, TURN_MINUTES, completedTurn, healthyDraft } from './healthy.js';
import { startupRecords, turnRecords } from './records.js';
import { s4aRetryStorm } from './redis-family.js';

// Machines built from the owner's incident record (docs/incidents.md): each shows what one real outage left
// on the machine, in the formats of today's runtimes, so the report can be checked against what the owner
// learned. The ones listed in PRESET_DRAFTS are also example bundles under fixtures/.

/** 2026-07-14 (b71f5aa3): a machine without the gateway whose Redis answers; what it must read as. */
export function noGateway(): HostDraft {
  const d = healthyDraft();
  const home = d.home;
  d.gatewayLog = [];
  d.gatewayErr = [];
  d.pidFile = null;
  d.wsPortFile = false;
  d.heartbeat = null;
  d.lifecycle = null;
  d.sessionIdFile = null;
  d.session = null;
  d.extraFiles = {};
  d.health = 'refused';
  d.launchd.printGui = launchctlNotFound(`gui/${d.uid}`);
  d.launchd.disabledGui = launchctlPrintDisabled(`gui/${d.uid}`, {});
  // A Redis on the usual port that is not the gateway's: it answers and holds nothing of it.
  d.redis = {};
  d.processes = [{ pid: 733, ppid: 1, elapsedSec: 3 * 86_400, command: '/opt/homebrew/opt/redis/bin/redis-server 127.0.0.1:6379' }];
  d.otelEvents = [];
  d.omit = {
    files: [PATHS.gatewayLog, PATHS.gatewayErr, PATHS.piSettings(home), PATHS.startScript(home), PATHS.tripwirePlist(home), PATHS.gatewayPackageJson, PATHS.launchAgentPlist(home)],
    commands: ['colima', 'joelclaw', 'pi'],
  };
  return d;
}

/**
 * What the provider says to every prompt once the context is past the window, as pi keeps it in errorMessage. On
 * 2026-02-25 it was Anthropic's `400 prompt is too long: 350k tokens > 180k maximum` (ADR-0141); today's primary
 * is an openai-codex model, whose API answers with OpenAI's error shape (code context_length_exceeded).
 */
export const PROMPT_TOO_LONG =
  '400 {"error":{"message":"Your input exceeds the context window of this model. Please adjust your input and try again.","type":"invalid_request_error","param":"input","code":"context_length_exceeded"}}';
/** Minutes before capture of the messages nobody answered. */
const MUTE_MINUTES = [29, 23, 17, 11, 6, 2];

/**
 * 2026-02-25 (ADR-0141, cbaf07e9): the context outgrew the window at 35 min; every message since was received,
 * persisted, dispatched and acked, each prompt came back as over the context window, gateway.err stayed clean.
 */
export function contextOverflowBlackHole(): HostDraft {
  const d = healthyDraft();
  const answered = TURN_MINUTES.filter((m) => m > 30);
  d.gatewayLog = [
    ...startupRecords({ pid: DAEMON_PID, lifecycleRestart: d.lifecycle }),
    ...answered.flatMap((m) => turnRecords(msBefore(m))),
    // received, persisted, dispatched: the fourth record, `response ready`, never came.
    ...MUTE_MINUTES.flatMap((m) => turnRecords(msBefore(m)).slice(0, 3)),
  ];
  d.gatewayErr = [];
  const before = d.session!.entries.filter((e) => Date.parse(e.timestamp) < Date.parse(minutesBefore(36)));
  d.session!.entries = [
    ...before,
    ...completedTurn(35, 266_000, 7),
    ...MUTE_MINUTES.flatMap((m, i) => [
      userMessage(`are you there? (${i + 1})`, minutesBefore(m)),
      assistantText('', minutesBefore(m - 0.05), { stopReason: 'error', errorMessage: PROMPT_TOO_LONG, totalTokens: 0 }),
    ]),
  ];
  d.health = healthResponse({ pid: DAEMON_PID, uptimeMs: DAEMON_UPTIME_SEC * 1000, usagePercent: 98 });
  d.otelEvents = d.otelEvents.filter((e) => Date.parse(e.ts) < Date.parse(minutesBefore(30)) || !/^(queue|response)\./.test(e.action));
  d.otelEvents.push(
    ...MUTE_MINUTES.flatMap((m) => [
      otelEvent({ component: 'command-queue', action: 'queue.enqueued', minutesAgo: m, metadataKeys: ['source', 'priority'] }),
      otelEvent({ component: 'command-queue', action: 'queue.prompt.sent', minutesAgo: m - 0.05, metadataKeys: ['source'] }),
    ]),
  );
  return d;
}

/** The daemon that ran through the night, and the one between the two restarts since. */
const NIGHT_PID = 3811;
const MORNING_PID = 3999;

/**
 * The overnight Redis retry storm of 2026-03-05 (c1243011) still in gateway.err, written 9 h before capture by a
 * daemon that has been restarted twice since (SIGTERM, as the health monitor's and the operator's restarts
 * are); the running daemon has been healthy for an hour. What the 72 h audit (ca66a98f) found the monitor
 * restarting on.
 */
export function historyBeforeRestart(): HostDraft {
  const d = healthyDraft();
  d.gatewayErr = s4aRetryStorm().gatewayErr;
  d.logMtime = { err: minutesBefore(9 * 60) };
  const morning = { status: 'completed', reason: 'SIGTERM', requestedAt: minutesBefore(8 * 60 + 0.2), completedAt: minutesBefore(8 * 60), previousPid: NIGHT_PID, newPid: MORNING_PID };
  d.gatewayLog = [
    ...startupRecords({ pid: NIGHT_PID, lifecycleRestart: null }),
    ...turnRecords(msBefore(11 * 60)),
    '[gateway:redis] scheduling reconnect in 20000ms (attempt 3)',
    bunRecord('[gateway:redis] started', { sessionId: 'gateway', channels: ['joelclaw:notify:gateway'], list: 'joelclaw:events:gateway' }),
    bunRecord('[gateway] shutting down', { signal: 'SIGTERM' }),
    ...startupRecords({ pid: MORNING_PID, lifecycleRestart: morning }),
    ...turnRecords(msBefore(7 * 60)),
    bunRecord('[gateway] shutting down', { signal: 'SIGTERM' }),
    ...startupRecords({ pid: DAEMON_PID, lifecycleRestart: d.lifecycle }),
    ...TURN_MINUTES.flatMap((m) => turnRecords(msBefore(m))),
  ];
  d.operatorRestart = { status: 'completed', requestedAt: minutesBefore(61.3), completedAt: minutesBefore(61), previousPid: MORNING_PID, newPid: DAEMON_PID };
  return d;
}

/** What colima (logrus, non-TTY) prints when launchd's PATH hides Homebrew: abiosoft/colima app/app.go:49, environment/host/host.go:198, cmd/util.go:20. */
export const COLIMA_NO_LIMA = `level=fatal msg="Error: dependency check failed for VM: lima not found, run 'brew install lima' to install"`;
const COLIMA_PLIST = '/Users/joel/Library/LaunchAgents/com.joel.colima.plist';
/** 6 days of runs every 300 s (ADR-0159: February 21 to 27). */
const SIX_DAYS_OF_RUNS = 6 * 288;

/**
 * ADR-0159 / joelclaw bc19202c (2026-02-21 to 27): com.joel.colima, the job that starts Colima again, ran every
 * 5 min for 6 days and failed every time: its plist set no PATH, so colima could not find lima. Colima itself was
 * up all along, so nothing else showed it. The plist is the repo's before the fix; runs and log lines composed.
 */
export function helperJobFailing(): HostDraft {
  const d = healthyDraft();
  d.extraFiles[COLIMA_PLIST] = {
    content: launchdJobPlistXml({
      label: 'com.joel.colima',
      programArguments: ['/opt/homebrew/bin/colima', 'start', '--vm-type', 'vz', '--mount-type', 'virtiofs', '--cpu', '4', '--memory', '8', '--disk', '60'],
      startInterval: 300,
      keepAlive: false,
      stdoutPath: '/tmp/colima.stdout.log',
      stderrPath: '/tmp/colima.stderr.log',
    }),
    mtime: '2026-11-20T09:00:00.000Z',
  };
  const lines = Array.from({ length: 12 }, (_, i) => `time="${minutesBefore(2 + 5 * (11 - i)).replace('.000Z', 'Z')}" ${COLIMA_NO_LIMA}`);
  d.extraFiles['/tmp/colima.stderr.log'] = { content: `${lines.join('\n')}\n`, mtime: minutesBefore(2) };
  d.extraFiles['/tmp/colima.stdout.log'] = { content: '', mtime: minutesBefore(6 * 24 * 60) };
  d.extraCommands.launchctl = {
    ...d.extraCommands.launchctl,
    'print gui/501/com.joel.colima': launchctlPrint({
      domain: 'gui/501',
      label: 'com.joel.colima',
      state: 'not running',
      path: COLIMA_PLIST,
      program: '/opt/homebrew/bin/colima',
      runs: SIX_DAYS_OF_RUNS,
      lastExitCode: 1,
      runIntervalSec: 300,
      stdoutPath: '/tmp/colima.stdout.log',
      stderrPath: '/tmp/colima.stderr.log',
    }),
  };
  return d;
}

/** Minutes before capture of the scheduler's errors: 8 an hour, ramping to 54 (joelclaw 9fab44a1). */
const STORM_MINUTES = Array.from({ length: 40 }, (_, i) => 58 - i * 1.45);

/**
 * A negative control, 2026-07-26 (joelclaw 9fab44a1): Inngest's content-sync cron plus debounce looped, 124
 * scheduling errors that day, while the gateway was fine. inngest-0's log is composed (the record quotes counts,
 * not lines); every gateway artifact is the healthy machine's.
 */
export function stormElsewhere(): HostDraft {
  const d = healthyDraft();
  const k8s = d.k8s as K8sStateSpec;
  const line = (m: number) =>
    JSON.stringify({ time: minutesBefore(m), level: 'ERROR', msg: 'error scheduling cron item: debounce accepted, retrying', caller: 'executor', function: 'system-bus-content-sync' });
  k8s.logs['inngest-0'] = `${['{"level":"info","msg":"service starting","caller":"devserver"}', ...STORM_MINUTES.map(line)].join('\n')}\n`;
  return d;
}

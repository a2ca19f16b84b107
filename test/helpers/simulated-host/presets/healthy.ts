import { nodeObject, podObject } from '../../fake-k8s.js';
import { healthResponse } from '../formats/health.js';
import { launchctlList, launchctlNotFound, launchctlPrint, launchctlPrintDisabled } from '../formats/launchctl.js';
import { otelEvent } from '../formats/otel.js';
import { DAEMON_COMMAND } from '../formats/ps.js';
import { assistantText, assistantToolCall, compaction, piSessionFile, toolResult, userMessage } from '../formats/session-jsonl.js';
import { CAPTURED_AT, type CommandAnswers, type K8sStateSpec, minutesBefore, msBefore, PATHS } from '../spec.js';
import type { HostDraft } from './draft.js';
import { SESSION_ID, startupRecords, turnRecords } from './records.js';

// The reference machine: everything consistent and fine. launchd gui/501 runs pid 4242, the pid file and
// ps agree, Colima and the node are up, /health is 200 healthy in normal mode, Redis holds one session and
// nothing pending, the transcript shows completed turns at ~31% context, the heartbeat is 5 min old.

export const DAEMON_PID = 4242;
/** The daemon has been up 61 minutes at capture. */
export const DAEMON_UPTIME_SEC = 61 * 60;
export const GATEWAY_CONFIG = {
  model: 'gpt-5.6-sol',
  thinkingLevel: 'low',
  verbose: false,
  fallbackProvider: 'openai-codex',
  fallbackModel: 'gpt-5.4',
  fallbackTimeoutMs: 120_000,
  fallbackAfterFailures: 3,
  recoveryProbeIntervalMs: 600_000,
};
const PREVIOUS_SESSION_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const PROGRAM = '/Users/joel/Code/joelhooks/joelclaw/infra/gateway-daemon.sh';

/** The Mac's identity as its own commands tell it (the host collector asks these, not node's os module). */
export const MACHINE_IDENTITY: Record<string, CommandAnswers> = {
  hostname: { '*': { stdout: 'panda\n', exitCode: 0 } },
  sw_vers: { '-productName': { stdout: 'macOS\n', exitCode: 0 }, '-productVersion': { stdout: '15.4\n', exitCode: 0 } },
  uname: { '-sr': { stdout: 'Darwin 24.4.0\n', exitCode: 0 }, '-m': { stdout: 'arm64\n', exitCode: 0 }, '*': { stdout: 'Darwin\n', exitCode: 0 } },
};

/** Minutes before capture of each healthy turn (all inside the 1 h window). */
export const TURN_MINUTES = [50, 35, 20, 8];

/** The healthy cluster: node Ready, redis-0 and inngest-0 Running. */
export function healthyK8s(namespace = 'joelclaw'): K8sStateSpec {
  return {
    nodes: [nodeObject('colima', true)],
    pods: [
      podObject('redis-0', namespace, 'Running', { ready: true, restartCount: 0 }),
      podObject('inngest-0', namespace, 'Running', { ready: true, restartCount: 0 }),
    ],
    events: [],
    logs: {
      'redis-0': '1:M 27 Nov 2026 10:58:12.004 * Ready to accept connections tcp\n',
      'inngest-0': '{"level":"info","msg":"service starting","caller":"devserver"}\n',
    },
  };
}

/** A completed human turn in the transcript, `m` minutes before capture, at `tokens` context. */
export function completedTurn(m: number, tokens: number, i: number) {
  return [
    userMessage(`status check ${i}: anything on fire?`, minutesBefore(m)),
    assistantToolCall(`call_${i}`, 'bash', { command: 'joelclaw status' }, minutesBefore(m - 0.1), { totalTokens: tokens - 400 }),
    toolResult(`call_${i}`, 'bash', 'all services ok', minutesBefore(m - 0.15)),
    assistantText('All green: gateway, redis and inngest are healthy.', minutesBefore(m - 0.3), { totalTokens: tokens }),
  ];
}

/** The previous session's transcript: the live one must be picked by id or mtime, not by being alone. */
function previousSessionFile(): HostDraft['extraFiles'] {
  const last = '2026-11-26T09:30:00.000Z';
  const previous = piSessionFile(PREVIOUS_SESSION_ID, '2026-11-26T08:00:00.000Z', [
    userMessage('good morning: anything overnight?', '2026-11-26T09:29:40.000Z'),
    assistantText('Quiet night: no alerts, queue empty.', last, { totalTokens: 41_000 }),
  ]);
  return { [`${PATHS.sessionDir('/Users/joel')}/${previous.fileName}`]: { content: previous.content!, mtime: last } };
}

/** The healthy draft every preset starts from. */
export function healthyDraft(): HostDraft {
  const lifecycleRestart = {
    status: 'completed',
    reason: 'SIGTERM',
    requestedAt: minutesBefore(61.2),
    completedAt: minutesBefore(61),
    previousPid: 3999,
    newPid: DAEMON_PID,
  };
  const otelEvents = [
    otelEvent({ component: 'daemon', action: 'daemon.started', minutesAgo: 61, metadataKeys: ['pid', 'wsPort'] }),
    otelEvent({ component: 'redis-channel', action: 'redis.channel.started', minutesAgo: 60.9 }),
    otelEvent({ component: 'command-queue', action: 'queue.replay.empty', minutesAgo: 60.9 }),
    ...TURN_MINUTES.flatMap((m) => [
      otelEvent({ component: 'command-queue', action: 'queue.enqueued', minutesAgo: m, metadataKeys: ['source', 'priority'] }),
      otelEvent({ component: 'command-queue', action: 'queue.prompt.sent', minutesAgo: m - 0.05, metadataKeys: ['source'] }),
      otelEvent({ component: 'daemon.response', action: 'response.generated', minutesAgo: m - 0.3, metadataKeys: ['source', 'length'] }),
    ]),
    otelEvent({ component: 'redis-channel', action: 'events.triaged', minutesAgo: 30, metadataKeys: ['immediate', 'batched', 'suppressed'] }),
    ...[46, 31, 16, 1].map((m) => otelEvent({ component: 'heartbeat', action: 'heartbeat.tick', minutesAgo: m, metadataKeys: ['redis', 'session', 'queueDepth', 'localHealth', 'talon'] })),
  ];
  return {
    capturedAt: CAPTURED_AT,
    uid: 501,
    home: '/Users/joel',
    namespace: 'joelclaw',
    gatewayLog: [...startupRecords({ pid: DAEMON_PID, lifecycleRestart }), ...TURN_MINUTES.flatMap((m) => turnRecords(msBefore(m)))],
    gatewayErr: [],
    pidFile: DAEMON_PID,
    wsPortFile: true,
    heartbeat: { ms: msBefore(5), mtime: minutesBefore(5) },
    lifecycle: lifecycleRestart,
    operatorRestart: null,
    forceNewSession: null,
    sessionIdFile: SESSION_ID,
    session: {
      id: SESSION_ID,
      startedAt: minutesBefore(120),
      entries: [
        ...completedTurn(110, 120_000, 0),
        compaction(141_200, minutesBefore(70)),
        ...TURN_MINUTES.flatMap((m, i) => completedTurn(m, 56_000 + i * 2000, i + 1)),
      ],
    },
    piVersion: '0.70.2',
    pinnedPiVersion: '0.70.2',
    plistDomain: 'gui',
    startScriptDaemon: 'daemon.ts',
    launchd: {
      disabledSystem: launchctlPrintDisabled('system', { 'com.apple.ftp-proxy': true }),
      disabledGui: launchctlPrintDisabled('gui/501', { 'com.joel.gateway': 'enabled' }),
      printSystem: launchctlNotFound('system'),
      printGui: launchctlPrint({ domain: 'gui/501', state: 'running', pid: DAEMON_PID, path: '/Users/joel/Library/LaunchAgents/com.joel.gateway.plist', program: PROGRAM, runs: 2, lastExitCode: '(never exited)' }),
      list: launchctlList({ 'com.joel.gateway': { pid: DAEMON_PID, status: 0 } }),
    },
    processes: [{ pid: DAEMON_PID, ppid: 1, elapsedSec: DAEMON_UPTIME_SEC, command: DAEMON_COMMAND }],
    colimaRunning: true,
    kubectl: null,
    otelEvents,
    health: healthResponse({ pid: DAEMON_PID, uptimeMs: DAEMON_UPTIME_SEC * 1000, contextTokens: 62_000 }),
    redis: { sessions: ['gateway'], eventLists: {}, stream: [], config: GATEWAY_CONFIG },
    k8s: healthyK8s(),
    extraFiles: previousSessionFile(),
    extraCommands: { ...structuredClone(MACHINE_IDENTITY), launchctl: { [`print gui/501/${TRIPWIRE_LABEL}`]: tripwirePrint() } },
  };
}

const TRIPWIRE_LABEL = 'com.joel.gateway-tripwire';

/** The tripwire agent as launchd shows it between runs: every 300 s since boot 9 days ago, last exit 0. */
export function tripwirePrint(lastExitCode: string | number = 0) {
  return launchctlPrint({
    domain: 'gui/501',
    label: TRIPWIRE_LABEL,
    state: 'not running',
    path: `/Users/joel/Library/LaunchAgents/${TRIPWIRE_LABEL}.plist`,
    program: '/Users/joel/Code/joelhooks/joelclaw/infra/gateway-tripwire.sh',
    runs: 2593,
    lastExitCode,
    runIntervalSec: 300,
    stdoutPath: '',
    stderrPath: '',
  });
}

/** The daemon's program path, for presets that rebuild `launchctl print`. */
export const GATEWAY_PROGRAM = PROGRAM;

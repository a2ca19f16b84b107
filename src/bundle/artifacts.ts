// The one place where artifact ids are spelled. Collectors write under these ids, replay reads them,
// the report cites them, and `gwbundle show BUNDLE <id>` prints them. An id is also the artifact's
// path inside the bundle (under `bundle/`), so it is a safe relative path: [a-z0-9._-] segments.

/** How the artifact's bytes are to be read. */
export type ContentType = 'text' | 'json' | 'jsonl';

/** Where an artifact came from; mirrors the manifest's `kind`. */
export type ArtifactKind = 'file' | 'listing' | 'command' | 'redis' | 'k8s' | 'http' | 'host';

/**
 * Priority decides who loses bytes first when the bundle would exceed `--max-size`:
 * lower numbers are kept first (state and small files), higher numbers are cut first (big logs).
 */
export interface ArtifactSpec {
  id: string;
  kind: ArtifactKind;
  contentType: ContentType;
  priority: number;
  title: string;
}

const spec = (id: string, kind: ArtifactKind, contentType: ContentType, priority: number, title: string): ArtifactSpec => ({
  id,
  kind,
  contentType,
  priority,
  title,
});

/** Priorities, lowest kept first. */
export const PRIORITY = {
  state: 10,
  command: 20,
  redis: 30,
  k8sObjects: 40,
  errLog: 50,
  transcript: 60,
  stdoutLog: 70,
  redisBulk: 75,
  podLogs: 80,
} as const;

export const A = {
  // files under /tmp/joelclaw
  gatewayLog: spec('files/gateway.log', 'file', 'text', PRIORITY.stdoutLog, 'daemon stdout log (tail)'),
  gatewayErrLog: spec('files/gateway.err', 'file', 'text', PRIORITY.errLog, 'daemon stderr log (tail)'),
  pidFile: spec('files/gateway.pid', 'file', 'text', PRIORITY.state, 'PID file'),
  wsPortFile: spec('files/gateway.ws.port', 'file', 'text', PRIORITY.state, 'WebSocket port file'),
  heartbeatFile: spec('files/last-heartbeat.ts', 'file', 'text', PRIORITY.state, 'heartbeat tripwire file'),
  lifecycleMarker: spec('files/gateway.lifecycle.json', 'file', 'json', PRIORITY.state, 'lifecycle restart marker'),
  operatorRestartMarker: spec('files/gateway.operator-restart.json', 'file', 'json', PRIORITY.state, 'operator restart marker'),
  forceNewSessionMarker: spec('files/gateway.force-new-session.json', 'file', 'json', PRIORITY.state, 'force-new-session marker'),
  // files under home
  sessionIdFile: spec('files/gateway.session', 'file', 'text', PRIORITY.state, 'live session id'),
  sessionTranscript: spec('files/session.jsonl', 'file', 'jsonl', PRIORITY.transcript, 'session transcript (window)'),
  sessionListing: spec('files/sessions-listing.json', 'listing', 'json', PRIORITY.state, 'session transcripts listing'),
  piSettings: spec('files/pi-settings.json', 'file', 'json', PRIORITY.state, 'gateway .pi/settings.json'),
  startScript: spec('files/gateway-start.sh', 'file', 'text', PRIORITY.state, 'gateway start script'),
  launchAgentPlist: spec('files/launchagent.plist', 'file', 'text', PRIORITY.state, '~/Library/LaunchAgents/com.joel.gateway.plist'),
  launchDaemonPlist: spec('files/launchdaemon.plist', 'file', 'text', PRIORITY.state, '/Library/LaunchDaemons/com.joel.gateway.plist'),
  tripwirePlist: spec('files/tripwire.plist', 'file', 'text', PRIORITY.state, 'com.joel.gateway-tripwire plist'),
  gatewayPackageJson: spec('files/gateway-package.json', 'file', 'json', PRIORITY.state, 'packages/gateway/package.json'),
  piModels: spec('files/pi-models.json', 'file', 'json', PRIORITY.state, '~/.pi/agent/models.json (custom models, context windows)'),
  // commands
  launchctlDisabledSystem: spec('cmd/launchctl-print-disabled-system', 'command', 'text', PRIORITY.command, 'launchctl print-disabled system'),
  launchctlDisabledGui: spec('cmd/launchctl-print-disabled-gui', 'command', 'text', PRIORITY.command, 'launchctl print-disabled gui/<uid>'),
  launchctlPrintSystem: spec('cmd/launchctl-print-system', 'command', 'text', PRIORITY.command, 'launchctl print system/com.joel.gateway'),
  launchctlPrintGui: spec('cmd/launchctl-print-gui', 'command', 'text', PRIORITY.command, 'launchctl print gui/<uid>/com.joel.gateway'),
  launchctlList: spec('cmd/launchctl-list', 'command', 'text', PRIORITY.command, 'launchctl list'),
  ps: spec('cmd/ps', 'command', 'text', PRIORITY.command, 'ps -axo pid,ppid,lstart,etime,command'),
  colimaStatus: spec('cmd/colima-status', 'command', 'json', PRIORITY.command, 'colima status --json'),
  piVersion: spec('cmd/pi-version', 'command', 'text', PRIORITY.command, 'pi --version'),
  kubectlNodes: spec('cmd/kubectl-get-nodes', 'command', 'json', PRIORITY.k8sObjects, 'kubectl get nodes -o json (fallback)'),
  kubectlPods: spec('cmd/kubectl-get-pods', 'command', 'json', PRIORITY.k8sObjects, 'kubectl get pods -o json (fallback)'),
  e2eTest: spec('cmd/e2e-gateway-test', 'command', 'json', PRIORITY.command, 'joelclaw gateway test (--e2e)'),
  e2eEvents: spec('cmd/e2e-gateway-events', 'command', 'json', PRIORITY.command, 'joelclaw gateway events after 8 s (--e2e)'),
  modelApiProbe: spec('cmd/model-api-probe', 'command', 'text', PRIORITY.command, 'model API reachability (--probe-model-api)'),
  // http
  health: spec('http/health', 'http', 'json', PRIORITY.state, 'GET /health'),
  // redis
  redisPing: spec('redis/ping', 'redis', 'text', PRIORITY.redis, 'PING'),
  redisInfo: spec('redis/info', 'redis', 'text', PRIORITY.redis, 'INFO'),
  redisSessions: spec('redis/sessions', 'redis', 'json', PRIORITY.redis, 'SMEMBERS joelclaw:gateway:sessions'),
  redisEventLists: spec('redis/event-lists', 'redis', 'json', PRIORITY.redis, 'joelclaw:events:* lists'),
  redisMessagesStream: spec('redis/messages-stream', 'redis', 'json', PRIORITY.redis, 'joelclaw:gateway:messages stream'),
  redisPriority: spec('redis/priority', 'redis', 'json', PRIORITY.redis, 'ZRANGE joelclaw:gateway:priority'),
  redisGatewayConfig: spec('redis/gateway-config', 'redis', 'json', PRIORITY.redis, 'GET joelclaw:gateway:config'),
  redisMode: spec('redis/mode', 'redis', 'text', PRIORITY.redis, 'GET joelclaw:mode'),
  redisHealthKeys: spec('redis/health-keys', 'redis', 'json', PRIORITY.redis, 'gateway:health:* keys'),
  redisKeyInventory: spec('redis/key-inventory', 'redis', 'json', PRIORITY.redisBulk, 'SCAN inventory of joelclaw:* and gateway:*'),
  redisLegacyMessages: spec('redis/legacy-gateway-messages', 'redis', 'json', PRIORITY.redis, 'legacy gateway:messages (what the real diagnose reads)'),
  // kubernetes API
  k8sNodes: spec('k8s/nodes', 'k8s', 'json', PRIORITY.k8sObjects, 'nodes'),
  k8sPods: spec('k8s/pods', 'k8s', 'json', PRIORITY.k8sObjects, 'pods in the gateway namespace'),
  k8sEvents: spec('k8s/events', 'k8s', 'json', PRIORITY.k8sObjects, 'events in the gateway namespace'),
  // host
  hostInfo: spec('host/info', 'host', 'json', PRIORITY.state, 'host facts and allowlisted environment'),
  // the owner's other launchd jobs (per job: launchdJobId)
  launchdJobsListing: spec('launchd-jobs/listing.json', 'listing', 'json', PRIORITY.state, 'the com.joel.* launchd jobs besides the gateway'),
} as const satisfies Record<string, ArtifactSpec>;

/** The layer-6 OTEL queries of the hand procedure, with the hours the procedure uses (capped by --hours? no: max of both). */
export const OTEL_QUERIES: ReadonlyArray<{ query: string; minHours: number }> = [
  { query: 'gateway', minHours: 1 },
  { query: 'fallback', minHours: 1 },
  { query: 'command-queue', minHours: 1 },
  { query: 'queue.dedup_dropped', minHours: 6 },
  { query: 'message.dedup_dropped', minHours: 6 },
  { query: 'events.triaged', minHours: 6 },
  { query: 'events.dispatched.background_only', minHours: 6 },
  { query: 'response.generated.background_source', minHours: 6 },
  { query: 'outbound.console_forward', minHours: 6 },
  { query: 'outbound.console_forward.suppressed_policy', minHours: 6 },
  { query: 'telegram.channel.poll_owner', minHours: 1 },
  { query: 'redis-channel', minHours: 1 },
  { query: 'watchdog', minHours: 1 },
  { query: 'model_fallback', minHours: 1 },
];

/** `cmd/otel-search/<query>`: one artifact per OTEL query. */
export const otelSearchId = (query: string): string => `cmd/otel-search/${query}`;
export const otelSearchSpec = (query: string): ArtifactSpec =>
  spec(otelSearchId(query), 'command', 'json', PRIORITY.command, `joelclaw otel search "${query}"`);

/** Pod log tails: `k8s/logs/<pod>` and `k8s/logs/<pod>.previous`. */
export const CORE_PODS = ['redis-0', 'inngest-0'] as const;
export const podLogId = (pod: string, previous = false): string => `k8s/logs/${pod}${previous ? '.previous' : ''}`;
export const podLogSpec = (pod: string, previous = false): ArtifactSpec =>
  spec(podLogId(pod, previous), 'k8s', 'text', PRIORITY.podLogs, `log tail of ${pod}${previous ? ' (previous container)' : ''}`);

/**
 * One of the owner's other launchd jobs (com.joel.*: the tripwire, Colima and k8s healers, workers), added
 * additively in the contract's sense: `launchd-jobs/<gui|system>/<label>/<part>`. The plist and launchctl print
 * are small state; the log tails go first when the bundle is over --max-size, like pod logs.
 */
export type LaunchdJobPart = 'plist' | 'print' | 'stdout' | 'stderr';
const JOB_PARTS: Record<LaunchdJobPart, { kind: ArtifactKind; priority: number; title: string }> = {
  plist: { kind: 'file', priority: PRIORITY.state, title: 'plist' },
  print: { kind: 'command', priority: PRIORITY.command, title: 'launchctl print' },
  stdout: { kind: 'file', priority: PRIORITY.podLogs, title: 'StandardOutPath (tail)' },
  stderr: { kind: 'file', priority: PRIORITY.podLogs, title: 'StandardErrorPath (tail)' },
};
/** A launchd label as an id segment: lower case, anything outside [a-z0-9._-] as `-`. */
export const labelSegment = (label: string): string => label.toLowerCase().replace(/[^a-z0-9._-]/g, '-').replace(/^[^a-z0-9]+/, '') || 'job';
export const launchdJobId = (domain: 'gui' | 'system', label: string, part: LaunchdJobPart): string =>
  `launchd-jobs/${domain}/${labelSegment(label)}/${part}`;
const LAUNCHD_JOB_ID = /^launchd-jobs\/(gui|system)\/([a-z0-9][a-z0-9._-]*)\/(plist|print|stdout|stderr)$/;

/** Every fixed artifact spec, for listing and validation. */
export const FIXED_ARTIFACTS: readonly ArtifactSpec[] = Object.values(A);

/** A spec by id, including the generated OTEL and pod-log ids. */
export function artifactSpec(id: string): ArtifactSpec | undefined {
  const fixed = FIXED_ARTIFACTS.find((s) => s.id === id);
  if (fixed) return fixed;
  if (id.startsWith('cmd/otel-search/')) return otelSearchSpec(id.slice('cmd/otel-search/'.length));
  const pod = /^k8s\/logs\/([a-z0-9.-]+?)(\.previous)?$/.exec(id);
  if (pod?.[1]) return podLogSpec(pod[1], Boolean(pod[2]));
  const job = LAUNCHD_JOB_ID.exec(id);
  if (job) {
    const part = JOB_PARTS[job[3] as LaunchdJobPart];
    return spec(id, part.kind, 'text', part.priority, `launchd job ${job[2]} (${job[1]}): ${part.title}`);
  }
  return undefined;
}

/** Artifact ids are relative paths of safe segments; the reader and writer both enforce this. */
export const ARTIFACT_ID_RE = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

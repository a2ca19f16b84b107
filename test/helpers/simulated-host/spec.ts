import type { GatewayRedisState } from '../seed-redis.js';

// A simulated host is plain data first: tests, presets and fixture bundles describe one machine at capture
// time, and createSimulatedHost (index.ts) turns that description into files, fake commands and servers.

/** The capture instant of every preset (the same as test/helpers/bundle-from.ts). */
export const CAPTURED_AT = '2026-11-27T12:00:00.000Z';

/** SOURCE_DATE_EPOCH (seconds) for CAPTURED_AT, so collect runs reproducibly at the preset's clock. */
export const SOURCE_DATE_EPOCH = String(Date.parse(CAPTURED_AT) / 1000);

/** One file on the machine: its bytes and, where the evidence depends on it, its mtime (ISO). */
export interface SimulatedFile {
  content: string;
  mtime?: string;
}

/** How a fake command answers one argv. */
export interface CommandAnswer {
  stdout: string;
  stderr?: string;
  exitCode?: number;
  /** Wait this long before printing (to test per-source timeouts without hanging). */
  delayMs?: number;
  /** Never exit, and keep a grandchild sleeper holding stdout (to prove the whole process group is killed). */
  hang?: boolean;
}

/**
 * Answers by argv pattern: the joined args (`print gui/501/com.joel.gateway`) match exactly first, then glob
 * patterns where `*` stands for any text (most literal characters wins), then the catch-all `*`.
 */
export type CommandAnswers = Record<string, CommandAnswer>;

/**
 * The names the fake bin dir can hold; a name absent from `commands` is "command not found". `hostname`,
 * `sw_vers` and `uname` give the machine's identity, so a bundle names the simulated Mac, not the test box.
 */
export const FAKE_COMMANDS = ['launchctl', 'colima', 'kubectl', 'ps', 'joelclaw', 'pi', 'curl', 'hostname', 'sw_vers', 'uname'] as const;
export type FakeCommandName = (typeof FAKE_COMMANDS)[number];

/** `/health` as the daemon answers it, or no listener, or a listener that never answers. */
export type HealthSpec = { status: number; body: string } | 'refused' | 'hang';

/** What the fake Kubernetes API holds (test/helpers/fake-k8s.ts). */
export interface K8sStateSpec {
  nodes: object[];
  pods: object[];
  events: object[];
  /** Pod logs by the key fake-k8s reads (`<pod>` and `<pod>.previous`). */
  logs: Record<string, string>;
}

/** Redis as the gateway left it, or nothing listening, or a server that accepts and never answers. */
export type RedisSpec = GatewayRedisState | 'refused' | 'silent';

/** One machine at capture time. */
export interface SimulatedHostSpec {
  /** The capture clock (ISO); collectOptions().now is this instant. */
  capturedAt: string;
  /** Machine path (absolute, e.g. /tmp/joelclaw/gateway.err) -> file. */
  files: Record<string, SimulatedFile>;
  /** Command name -> answers; a command not listed is absent from PATH. */
  commands: Partial<Record<FakeCommandName, CommandAnswers>>;
  redis: RedisSpec;
  health: HealthSpec;
  /** When true, the health server's port is written to /tmp/joelclaw/gateway.ws.port (a closed port if refused). */
  wsPortFile: boolean;
  k8s: K8sStateSpec | 'unreachable' | 'hang';
  uid: number;
  /** The gateway owner's home as a machine path. */
  home: string;
  namespace: string;
}

/** Machine paths the presets write; the collector reads the same places (facts §1). */
export const PATHS = {
  gatewayLog: '/tmp/joelclaw/gateway.log',
  gatewayErr: '/tmp/joelclaw/gateway.err',
  pidFile: '/tmp/joelclaw/gateway.pid',
  wsPortFile: '/tmp/joelclaw/gateway.ws.port',
  heartbeat: '/tmp/joelclaw/last-heartbeat.ts',
  lifecycle: '/tmp/joelclaw/gateway.lifecycle.json',
  operatorRestart: '/tmp/joelclaw/gateway.operator-restart.json',
  forceNewSession: '/tmp/joelclaw/gateway.force-new-session.json',
  launchDaemonPlist: '/Library/LaunchDaemons/com.joel.gateway.plist',
  gatewayPackageJson: '/Users/joel/Code/joelhooks/joelclaw/packages/gateway/package.json',
  /** Under home. */
  sessionIdFile: (home: string) => `${home}/.joelclaw/gateway.session`,
  sessionDir: (home: string) => `${home}/.joelclaw/sessions/gateway`,
  piSettings: (home: string) => `${home}/.joelclaw/gateway/.pi/settings.json`,
  piModels: (home: string) => `${home}/.pi/agent/models.json`,
  startScript: (home: string) => `${home}/.joelclaw/scripts/gateway-start.sh`,
  launchAgentPlist: (home: string) => `${home}/Library/LaunchAgents/com.joel.gateway.plist`,
  tripwirePlist: (home: string) => `${home}/Library/LaunchAgents/com.joel.gateway-tripwire.plist`,
} as const;

/** Written in file contents where the daemon would print its WebSocket port; replaced by the live port. */
export const WS_PORT_PLACEHOLDER = '{{wsPort}}';

/** An ISO instant `minutes` before the capture clock (presets place all evidence inside the 1 h window). */
export const minutesBefore = (minutes: number, capturedAt = CAPTURED_AT): string =>
  new Date(Date.parse(capturedAt) - minutes * 60_000).toISOString();

/** Epoch ms `minutes` before the capture clock. */
export const msBefore = (minutes: number, capturedAt = CAPTURED_AT): number => Date.parse(capturedAt) - minutes * 60_000;

import type { OtelEvent } from '../formats/otel.js';
import type { PsRow } from '../formats/ps.js';
import type { SessionEntryInput } from '../formats/session-jsonl.js';
import type { CommandAnswer, CommandAnswers, FakeCommandName, HealthSpec, K8sStateSpec, RedisSpec, SimulatedFile } from '../spec.js';

// A preset is the healthy machine with a few parts changed, so the parts are named here (logs as bun
// records, the transcript as entries, OTEL as events) and to-spec.ts renders them into files and answers.

/** One machine's evidence, by part. */
export interface HostDraft {
  capturedAt: string;
  uid: number;
  home: string;
  namespace: string;
  /** gateway.log records (bun-printed, possibly multi-line); mtime = capture unless logMtime. */
  gatewayLog: string[];
  /** gateway.err records. */
  gatewayErr: string[];
  /** When each log was last written (ISO), if not at capture: launchd appends and nothing rotates them. */
  logMtime?: { log?: string; err?: string };
  /** The pid in gateway.pid, or null for no file. */
  pidFile: number | null;
  /** Port file with the live health server's port (a closed port when /health is refused). */
  wsPortFile: boolean;
  /** Tripwire content's epoch ms and the file's mtime (ISO); null for no file. */
  heartbeat: { ms: number; mtime: string; shape?: 'module' | 'bare' } | null;
  lifecycle: object | null;
  operatorRestart: object | null;
  forceNewSession: object | null;
  /** Content of ~/.joelclaw/gateway.session, or null. */
  sessionIdFile: string | null;
  /** The live transcript, or null (slim transport, brand-new session). */
  session: { id: string; startedAt: string; entries: SessionEntryInput[] } | null;
  /** `pi --version` on the machine and the version packages/gateway/package.json pins. */
  piVersion: string;
  pinnedPiVersion: string;
  /** Which launchd domain holds the plist (the other plist is absent). */
  plistDomain: 'gui' | 'system';
  startScriptDaemon: 'daemon.ts' | 'transport-daemon.ts';
  launchd: { disabledGui: CommandAnswer; disabledSystem: CommandAnswer; printGui: CommandAnswer; printSystem: CommandAnswer; list: CommandAnswer };
  processes: PsRow[];
  colimaRunning: boolean;
  /** Answers of `kubectl get nodes|pods -o json`; derived from k8s when null. */
  kubectl: { nodes: CommandAnswer; pods: CommandAnswer } | null;
  otelEvents: OtelEvent[];
  health: HealthSpec;
  redis: RedisSpec;
  k8s: K8sStateSpec | 'unreachable' | 'hang';
  /** Files beyond the named parts (machine path -> file). */
  extraFiles: Record<string, SimulatedFile>;
  /** Answers merged over the derived ones, per command. */
  extraCommands: Record<string, CommandAnswers>;
  /** What this machine lacks although the parts above would render it: machine paths, and commands not on PATH. */
  omit?: { files?: string[]; commands?: FakeCommandName[] };
}

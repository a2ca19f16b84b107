import type { BundleView } from '../bundle/view.js';
import type { ReplayContext } from './context.js';
import type { DiagnoseLayer } from './diagnose-sublayers.js';

// Shapes shared by every layer, pattern and scenario. Replay is pure: functions of a BundleView (and the
// capture clock it carries) to these values. The report renders them; the JSON report is them.

export const LAYER_IDS = [
  'substrate',
  'process',
  'cli-status',
  'error-log',
  'stdout-log',
  'e2e',
  'session',
  'otel',
  'model-api',
  'redis',
] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export type LayerStatus = 'ok' | 'degraded' | 'failed' | 'skipped' | 'unknown';

/** A place in the bundle: `gwbundle show BUNDLE <artifact>` prints it; `line` is 1-based. */
export interface Evidence {
  artifact: string;
  line?: number;
  /** A few lines of context (already in the bundle, so already redacted), for the report's fences. */
  excerpt?: string;
}

export interface Finding {
  /** Stable id for tests and the report (eslint-style messageId). */
  messageId: string;
  text: string;
  severity?: 'error' | 'warn' | 'info';
  evidence: Evidence[];
}

export interface LayerResult {
  id: LayerId;
  seedLayer: number;
  title: string;
  status: LayerStatus;
  /** For unknown and skipped: why (missing / timed out / truncated / redacted / unparseable / not requested / n/a). */
  reason?: string;
  /** One line for the layer table. */
  detail: string;
  findings: Finding[];
}

/** A layer module: one file per diagnosis layer under src/replay/layers/. */
export interface Layer {
  id: LayerId;
  seedLayer: number;
  title: string;
  run(ctx: ReplayContext): LayerResult;
}

/** One log record: bun's multi-line object output grouped, with its first physical line number (1-based). */
export interface LogRecord {
  artifact: string;
  line: number;
  endLine: number;
  /** The first physical line. */
  head: string;
  /** All physical lines joined with \n. */
  text: string;
}

export type PatternSeverity = 'error' | 'warn';

/** An error-pattern catalog row: src/replay/patterns/<id>.ts. */
export interface Pattern {
  id: string;
  label: string;
  severity: PatternSeverity;
  /** Which log(s) the pattern is looked for in. */
  artifacts: readonly string[];
  /** What the pattern means and its usual root cause (the hand procedure's table). */
  meaning: string;
  rootCause: string;
  /** Tested against a whole record (head + continuation lines). */
  match(record: LogRecord): boolean;
  /** The label of the real `joelclaw gateway diagnose` regex this row stands for, for `--format diagnose`. */
  diagnoseLabel?: string;
  /** A value worth showing from a matching record (e.g. "consecutiveFailures: 3"), when the row captures one. */
  capture?(record: LogRecord): string | undefined;
}

export interface PatternHit {
  id: string;
  label: string;
  severity: PatternSeverity;
  count: number;
  artifact: string;
  /** First line number of the last matching record. */
  lastLine: number;
  /** Head of the last matching record, cut to 200 chars. */
  lastText: string;
  /** First line numbers of every matching record (capped). */
  lines: number[];
  /** The pattern's capture from the last matching record, when it has one. */
  capture?: string;
}

export interface ScenarioMatch {
  id: string;
  title: string;
  cause: string;
  fix: string[];
  evidence: Evidence[];
  /** Which layer this scenario explains. */
  layer: LayerId;
}

/** A known-scenario matcher: src/replay/scenarios/<id>.ts. */
export interface Scenario {
  id: string;
  title: string;
  cause: string;
  fix: readonly string[];
  layer: LayerId;
  /** Evidence when the scenario fires, null when it does not. */
  match(ctx: ReplayContext, layers: readonly LayerResult[]): Evidence[] | null;
}

export interface TimelineEntry {
  at: string; // ISO
  source: string;
  text: string;
  artifact?: string;
  line?: number;
  /** Marks the capture time entry. */
  capture?: boolean;
}

export interface Verdict {
  status: 'ok' | 'degraded' | 'failed';
  layer: LayerId | null;
  summary: string;
}

export type { BundleView };

/** What the session layer rebuilt from the transcript, for the report's session summary. */
export interface SessionSummary {
  sessionId: string | null;
  file: string | null;
  entries: number;
  turns: number;
  userPrompts: number;
  unanswered: number;
  errors: number;
  toolErrors: number;
  modelChanges: Array<{ at: string; model: string }>;
  compactions: number;
  currentModel: string | null;
  contextTokens: number | null;
  contextWindow: number;
  /** Which window was used and why: /health's figure, models.json, pi-ai's registry, or the daemon's default. */
  contextWindowWhy: string;
  usagePercent: number | null;
  sessionAgeHours: number | null;
  lastCompactionAgeMinutes: number | null;
  pressure: 'ok' | 'elevated' | 'critical' | null;
  lastExchange: Array<{ at: string; role: string; preview: string }>;
  hangingTurn: { since: string; kind: 'prompt' | 'tool'; ageMinutes: number } | null;
  /** Prompts that got no terminal response in the window (time and transcript line), oldest first (capped). Added for the report's picture. */
  unansweredTurns: Array<{ at: string; line: number }>;
}

/** Redis state for the report. */
export interface RedisSummary {
  reachable: boolean | null;
  mode: string | null; // joelclaw:mode
  sessions: string[] | null;
  eventQueues: Array<{ key: string; length: number }>;
  stream: { length: number; unacked: number; oldestAgeMinutes: number | null; staleOnReplay: number } | null;
  config: Record<string, unknown> | null;
}

export interface CollectionNotes {
  artifacts: number;
  missing: string[];
  timedOut: string[];
  truncated: string[];
  errors: string[];
  /** Totals by rule id, and by artifact. */
  redactions: { enabled: boolean; totals: Record<string, number>; byArtifact: Record<string, Record<string, number>> };
  options: Record<string, unknown>;
  /** Why each artifact that gives no evidence gives none (`ReplayContext.absence`), by artifact id. */
  absent: Record<string, string>;
}

/** A restart marker the gateway writes (facts §1.9): the last restart it requested and how it ended. */
export interface RestartMarker {
  status: string | null;
  reason: string | null;
  requestedAt: string | null;
  completedAt: string | null;
  previousPid: number | null;
  newPid: number | null;
}

/** Plain facts of the machine and the daemon beside the layers' judgement; null where the bundle cannot tell. */
export interface MachineFacts {
  /** `pi --version` on the machine and the version packages/gateway/package.json pins. */
  pi: { machine: string | null; pinned: string | null };
  /** The model joelclaw:gateway:config asks for, the one the daemon runs, the configured fallback, and whether it is in use. */
  model: { configured: string | null; live: string | null; fallback: string | null; fallbackActive: boolean | null };
  /** launchd's com.joel.gateway, when registered: `runs` counts its starts since it was loaded. */
  launchd: { state: string | null; runs: number | null; lastExitCode: string | null } | null;
  daemon: { pid: string | null; alive: boolean | null; uptimeSec: number | null };
  /** Seconds between the heartbeat file's last write and the capture. */
  heartbeatAgeSec: number | null;
  /** The lifecycle (graceful restart) and operator (`joelclaw gateway restart`) markers. */
  restarts: { lifecycle: RestartMarker | null; operator: RestartMarker | null };
  /** The launchd plist's program and environment variable NAMES (values are never read). */
  plist: { program: string[]; environmentNames: string[] } | null;
}

/** The whole replayed diagnosis: the JSON report is this, the Markdown report renders it. */
export interface Diagnosis {
  bundle: { sha256: string | null; collectedAt: string; host: string; toolVersion: string };
  verdict: Verdict;
  layers: LayerResult[];
  scenarios: ScenarioMatch[];
  patterns: PatternHit[];
  timeline: TimelineEntry[];
  session: SessionSummary | null;
  redis: RedisSummary | null;
  collection: CollectionNotes;
  /** The runtime seen on the host: legacy daemon.ts, slim transport-daemon.ts, both at once, none running, or unknown. */
  runtime: 'legacy' | 'slim' | 'both' | 'none' | 'unknown';
  /** The real diagnose's L1-L7 objects (`diagnoseSubLayers(ctx)`), for `--format diagnose`. */
  diagnoseLayers: DiagnoseLayer[];
  /** Versions, model, launchd counters, restart markers and the plist: what `gwbundle diff` compares machines on. */
  machine: MachineFacts;
}

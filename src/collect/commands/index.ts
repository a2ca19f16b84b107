import { A, OTEL_QUERIES, otelSearchId } from '../../bundle/artifacts.js';
import { mapLimit } from './pool.js';
import { commandArtifact, runCommand } from './exec.js';
import type { CollectContext, CollectOptions, Collector, StagedArtifact } from '../types.js';

// The commands the hand procedure runs (facts §7, §5, §2.5), as declarations. Read-only by default: never
// `joelclaw gateway status` (it prunes Redis sessions, facts §8.11); the e2e test (pushes an event) and the
// model-API probe (outbound network) run only when asked.

/** Commands in flight at once. */
export const COMMAND_CONCURRENCY = 16;
/** How long the real diagnose waits between `gateway test` and `gateway events` (facts §0.10: 8 s, not 5). */
export const E2E_WAIT_MS = 8000;
const LABEL = 'com.joel.gateway';

export interface CommandSpec {
  id: string;
  argv(o: CollectOptions): string[];
}

const cmd = (id: string, argv: (o: CollectOptions) => string[]): CommandSpec => ({ id, argv });

/** Always run: launchd state, processes, the VM, the pi CLI version, and the OTEL searches of layer 6. */
export const COMMANDS: readonly CommandSpec[] = [
  cmd(A.launchctlDisabledSystem.id, () => ['launchctl', 'print-disabled', 'system']),
  cmd(A.launchctlDisabledGui.id, (o) => ['launchctl', 'print-disabled', `gui/${o.uid}`]),
  cmd(A.launchctlPrintSystem.id, () => ['launchctl', 'print', `system/${LABEL}`]),
  cmd(A.launchctlPrintGui.id, (o) => ['launchctl', 'print', `gui/${o.uid}/${LABEL}`]),
  // the job table of the collecting user's domain: pid and last status, negative for the killing signal
  cmd(A.launchctlList.id, () => ['launchctl', 'list']),
  cmd(A.ps.id, () => ['ps', '-axo', 'pid,ppid,lstart,etime,command']),
  cmd(A.colimaStatus.id, () => ['colima', 'status', '--json']),
  cmd(A.piVersion.id, () => ['pi', '--version']),
  ...OTEL_QUERIES.map(({ query, minHours }) =>
    cmd(otelSearchId(query), (o) => ['joelclaw', 'otel', 'search', query, '--hours', String(Math.max(o.hours, minHours))]),
  ),
];

export const E2E_TEST = cmd(A.e2eTest.id, () => ['joelclaw', 'gateway', 'test']);
export const E2E_EVENTS = cmd(A.e2eEvents.id, () => ['joelclaw', 'gateway', 'events']);
export const MODEL_API_PROBE = cmd(A.modelApiProbe.id, () => [
  'curl', '-s', '-m', '10', 'https://api.anthropic.com/v1/messages',
  '-H', 'x-api-key: test', '-H', 'anthropic-version: 2023-06-01', '-H', 'content-type: application/json', '-d', '{}',
]);

// Why: what was not requested did not run, so the bundle records only why: no argv (the probe's would carry a
// fake API key header that redaction then counts as a secret replaced in a source nobody asked for).
const skipped = (spec: CommandSpec, flag: string): StagedArtifact => ({
  id: spec.id,
  status: 'skipped',
  reason: `not requested (${flag})`,
  source: {},
});

async function run(ctx: CollectContext, spec: CommandSpec): Promise<StagedArtifact> {
  const argv = spec.argv(ctx.options);
  const r = await runCommand(argv, { timeoutMs: ctx.options.timeoutMs, env: ctx.options.env, signal: ctx.signal });
  return commandArtifact(spec.id, argv, r);
}

/** Wait, but give up at the global deadline. */
const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** `gateway test`, the e2e wait, then `gateway events`: what the real e2e layer does (facts §2.5). */
async function e2e(ctx: CollectContext, waitMs: number): Promise<StagedArtifact[]> {
  const test = await run(ctx, E2E_TEST);
  // No joelclaw on PATH: nothing was pushed, so there is nothing to wait for.
  if (test.status === 'missing') return [test, await run(ctx, E2E_EVENTS)];
  await wait(waitMs, ctx.signal);
  return [test, await run(ctx, E2E_EVENTS)];
}

export interface CommandsCollectorOptions {
  /** The e2e wait; tests shorten it. */
  e2eWaitMs?: number;
}

/** The commands collector, with its e2e wait configurable. */
export function createCommandsCollector(opts: CommandsCollectorOptions = {}): Collector {
  const waitMs = opts.e2eWaitMs ?? E2E_WAIT_MS;
  return {
    id: 'commands',
    title: 'commands',
    ids: [...COMMANDS.map((c) => c.id), E2E_TEST.id, E2E_EVENTS.id, MODEL_API_PROBE.id],
    async collect(ctx) {
      const o = ctx.options;
      const optIn: Array<Promise<StagedArtifact[]>> = [
        o.e2e ? e2e(ctx, waitMs) : Promise.resolve([skipped(E2E_TEST, '--e2e'), skipped(E2E_EVENTS, '--e2e')]),
        o.probeModelApi ? run(ctx, MODEL_API_PROBE).then((a) => [a]) : Promise.resolve([skipped(MODEL_API_PROBE, '--probe-model-api')]),
      ];
      const [always, ...rest] = await Promise.all([mapLimit(COMMANDS, COMMAND_CONCURRENCY, (c) => run(ctx, c)), ...optIn]);
      return [...always, ...rest.flat()];
    },
  };
}

/** The collector with the real 8 s e2e wait. */
export const commandsCollector: Collector = createCommandsCollector();

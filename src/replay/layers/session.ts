import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { parseSession } from '../parse/session.js';
import type { Evidence, Finding, Layer, LayerResult, LayerStatus } from '../types.js';

// Layer 5 of the hand procedure, done the way the transcript really is (facts §4): turns rebuilt from
// messages, a turn left hanging at capture time judged by the watchdog's thresholds (§8.3), errors, long
// gaps, and the daemon's own session-pressure math (§8.4). The slim transport keeps no transcript (§0.11).

const id = 'session' as const;
const seedLayer = 5;
const title = 'Session transcript';
const transcript = A.sessionTranscript.id;
/** The watchdog calls a session dead after this many consecutive prompt failures (facts §8.3). */
const DEAD_AFTER_ERRORS = 3;

const SLIM_READY = '[gateway:transport] slim transport ready';
const LEGACY_PROCESS = /(?<![\w-])daemon\.ts\b/;

// Why: the slim transport-daemon.ts writes no pi JSONL, so a missing transcript there is not missing evidence.
export function slimRuntimeEvidence(ctx: ReplayContext): Evidence | null {
  const ps = ctx.lines(A.ps.id);
  const psSlim = ps?.findIndex((l) => l.includes('transport-daemon.ts')) ?? -1;
  const psLegacy = ps?.some((l) => LEGACY_PROCESS.test(l)) ?? false;
  if (psLegacy) return null; // the legacy daemon is running: it writes a transcript whatever the log says
  if (psSlim >= 0) return { artifact: A.ps.id, line: psSlim + 1 };
  const ready = ctx.lastLineWith(A.gatewayLog.id, SLIM_READY);
  return ready === null ? null : { artifact: A.gatewayLog.id, line: ready };
}

/** "42 s", "7 min", "3.5 h": ages in the detail line. */
export function formatAge(ms: number): string {
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

const at = (line: number): Evidence[] => [{ artifact: transcript, line }];

function run(ctx: ReplayContext): LayerResult {
  const base = { id, seedLayer, title };
  const slim = slimRuntimeEvidence(ctx);
  if (slim) {
    const reason = 'slim transport: no pi session transcript';
    const text = 'the slim transport runtime (transport-daemon.ts) runs no pi session, so there is no transcript to read';
    return { ...base, status: 'skipped', reason, detail: reason, findings: [{ messageId: 'sessionSlimRuntime', text, severity: 'info', evidence: [slim] }] };
  }
  const absent = ctx.absence(transcript);
  if (absent) return { ...base, status: 'unknown', reason: absent, detail: absent, findings: [] };
  const s = parseSession(ctx);
  if (!s || (s.header === null && s.entries === 0)) {
    const reason = `${transcript} has no pi session header or entries (${s?.badLines ?? 0} unparseable lines)`;
    return { ...base, status: 'unknown', reason, detail: reason, findings: [] };
  }

  const findings: Finding[] = [];
  let status: LayerStatus = 'ok';
  const worsen = (to: 'degraded' | 'failed') => {
    if (status !== 'failed') status = to;
  };
  if (s.badLines > 0) {
    findings.push({ messageId: 'sessionUnparseableLines', text: `${s.badLines} transcript line(s) did not parse as pi entries and were skipped`, severity: 'warn', evidence: at(1) });
  }
  const cuts = ctx.entry(transcript)?.truncations.filter((t) => t.reason !== 'window') ?? [];
  if (cuts.length > 0) {
    const text = `the transcript was cut (${cuts.map((c) => `${c.reason}, kept ${c.kept}`).join('; ')}): some turns are not in the bundle`;
    findings.push({ messageId: 'sessionTranscriptTruncated', text, severity: 'info', evidence: at(1) });
  }
  const liveId = ctx.text(A.sessionIdFile.id)?.trim();
  if (liveId && s.header?.id && liveId !== s.header.id) {
    const text = `the transcript is session ${s.header.id}, but gateway.session names ${liveId}: it may not be the live session`;
    findings.push({ messageId: 'sessionIdMismatch', text, severity: 'warn', evidence: [{ artifact: transcript, line: s.header.line }, { artifact: A.sessionIdFile.id, line: 1 }] });
  }
  const h = s.hanging;
  if (h) {
    const from = h.source ? `; ${h.source.source}, per ${h.source.via}` : '';
    const what = `${h.kind === 'tool' ? `tool ${h.toolName}` : h.waitingOn}${from}`;
    const limit = `${h.thresholdMs / 60_000} min ${h.human ? 'human-channel' : 'internal'} stuck threshold`;
    const evidence = [...at(h.line), ...(h.source ? [h.source.evidence] : [])];
    if (h.ageMs > h.thresholdMs) {
      worsen('failed');
      findings.push({ messageId: h.kind === 'tool' ? 'sessionHangingTool' : 'sessionUnansweredPrompt', text: `turn hanging for ${Math.floor(h.ageMs / 60_000)} min (${what}), past the ${limit}`, severity: 'error', evidence });
    } else {
      findings.push({ messageId: 'sessionTurnInProgress', text: `a turn was in progress at capture (${what}, ${formatAge(h.ageMs)}, under the ${limit})`, severity: 'info', evidence });
    }
  }
  const assistantErrors = s.errors.filter((e) => e.kind === 'assistant');
  if (s.trailingErrors >= DEAD_AFTER_ERRORS) {
    worsen('failed');
    const last = assistantErrors.slice(-s.trailingErrors);
    findings.push({ messageId: 'sessionConsecutiveErrors', text: `the last ${s.trailingErrors} turns ended in errors (latest: ${last[last.length - 1]?.text ?? '?'})`, severity: 'error', evidence: last.map((e) => ({ artifact: transcript, line: e.line })) });
  } else if (assistantErrors.length > 0) {
    worsen('degraded');
    const last = assistantErrors[assistantErrors.length - 1]!;
    findings.push({ messageId: 'sessionErrors', text: `${assistantErrors.length} assistant error(s) in the window (latest: ${last.text})`, severity: 'warn', evidence: assistantErrors.slice(-5).map((e) => ({ artifact: transcript, line: e.line })) });
  }
  const toolErrors = s.errors.filter((e) => e.kind === 'tool');
  if (toolErrors.length > 0) {
    findings.push({ messageId: 'sessionToolErrors', text: `${toolErrors.length} tool result(s) marked isError (latest: ${toolErrors[toolErrors.length - 1]!.text.slice(0, 120)})`, severity: 'info', evidence: toolErrors.slice(-5).map((e) => ({ artifact: transcript, line: e.line })) });
  }
  for (const g of s.gaps) {
    worsen('degraded');
    findings.push({ messageId: 'sessionLongGap', text: `a ${g.human ? 'human-channel' : 'internal'} prompt took ${formatAge(g.ms)} to complete (threshold ${g.thresholdMs / 60_000} min)`, severity: 'warn', evidence: [...at(g.line), ...at(g.endLine)] });
  }
  const p = s.pressure;
  if (p.health === 'critical' || p.health === 'elevated') {
    if (p.health === 'critical') worsen('degraded');
    const usage = p.usagePercent === null ? 'usage unknown' : `${p.usagePercent}% of ${p.contextWindow}, window: ${p.windowWhy}`;
    const text = `session pressure ${p.health} (${p.reasons.join(', ')}; ${usage}): ${p.nextThresholdSummary}`;
    findings.push({ messageId: p.health === 'critical' ? 'sessionPressureCritical' : 'sessionPressureElevated', text, severity: p.health === 'critical' ? 'warn' : 'info', evidence: at(s.usage?.line ?? s.firstEntry?.line ?? 1) });
  }
  for (const m of s.modelChanges) {
    findings.push({ messageId: 'sessionModelChange', text: `model changed to ${m.model} at ${m.at} (${m.via === 'model_change' ? 'setModel' : 'seen on an assistant message'})`, severity: 'info', evidence: at(m.line) });
  }
  if (s.compactions.length + s.rotations.length > 0) {
    const lines = [...s.compactions, ...s.rotations].map((c) => c.line).sort((a, b) => a - b);
    findings.push({ messageId: 'sessionCompaction', text: `${s.compactions.length} compaction(s) and ${s.rotations.length} rotation summary(ies) in the window`, severity: 'info', evidence: lines.map((l) => ({ artifact: transcript, line: l })) });
  }
  return { ...base, status, detail: detailLine(ctx, s, status, findings), findings };
}

function detailLine(ctx: ReplayContext, s: NonNullable<ReturnType<typeof parseSession>>, status: LayerStatus, findings: readonly Finding[]): string {
  if (status !== 'ok') return findings.find((f) => f.severity === 'error' || f.severity === 'warn')?.text ?? status;
  const completed = s.turns.filter((t) => t.completion).map((t) => t.completion!.ms);
  const turns = `${s.turns.length} turn${s.turns.length === 1 ? '' : 's'} in window`;
  if (completed.length === 0) return `${turns}, none completed in it`;
  return `${turns}, last completed ${formatAge(ctx.now.getTime() - Math.max(...completed))} before capture`;
}

const layer: Layer = { id, seedLayer, title, run };
export default layer;

import type { Diagnosis, RedisSummary, SessionSummary } from '../../replay/types.js';
import { ref } from './escape.js';
import type { Limits } from './limits.js';
import { plural } from './plural.js';

// The session, Redis and collection-notes parts of the report view: small, bounded summaries (lists capped),
// every key present for handlebars `strict`.

const MAX_IDS = 80;
const MAX_MODEL_CHANGES = 10;
const MAX_CONFIG_KEYS = 30;

/** Artifact ids as inline code, capped with a count of the rest; null when empty. */
export function idList(ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  const shown = ids.slice(0, MAX_IDS).map((id) => ref(id)).join(', ');
  return ids.length > MAX_IDS ? `${shown} and ${ids.length - MAX_IDS} more` : shown;
}

const timeOf = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
};

/** The durable stream in words: "2 entries, 2 unacked, the oldest 20 min before capture, 2 too old to replay". */
function streamText(s: NonNullable<RedisSummary['stream']>): string {
  if (s.length === 0) return 'empty';
  const oldest = s.oldestAgeMinutes === null ? '' : `, the oldest ${s.oldestAgeMinutes} min before capture`;
  const stale = s.staleOnReplay > 0 ? `, ${s.staleOnReplay} too old to replay` : '';
  return `${plural(s.length, 'entry', 'entries')}, ${s.unacked} unacked${oldest}${stale}`;
}

const valueText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

function sessionView(s: SessionSummary | null, lim: Limits) {
  if (!s) return null;
  const context = s.contextTokens === null ? null : `${s.contextTokens} tokens of ${s.contextWindow}${s.usagePercent === null ? '' : ` (${s.usagePercent}%)`}; window: ${s.contextWindowWhy}`;
  const h = s.hangingTurn;
  return {
    id: s.sessionId, file: s.file, model: s.currentModel, entries: s.entries, turns: s.turns, userPrompts: s.userPrompts,
    unanswered: s.unanswered, errors: s.errors, toolErrors: s.toolErrors, compactions: s.compactions, context,
    pressure: s.pressure, ageHours: s.sessionAgeHours === null ? null : s.sessionAgeHours.toFixed(1),
    lastCompactionMinutes: s.lastCompactionAgeMinutes,
    hanging: h ? `a ${h.kind} turn has been waiting since ${h.since} (${h.ageMinutes} min at capture)` : null,
    modelChanges: s.modelChanges.slice(-MAX_MODEL_CHANGES),
    moreModelChanges: Math.max(0, s.modelChanges.length - MAX_MODEL_CHANGES),
    // In time order: a transcript can hold a turn written after a later one.
    lastExchange: lim.exchanges > 0 ? [...s.lastExchange].sort((a, b) => timeOf(a.at) - timeOf(b.at)).slice(-lim.exchanges).map((x) => ({ ...x })) : [],
  };
}

function redisView(r: RedisSummary | null) {
  if (!r) return null;
  const config = r.config ? Object.keys(r.config).sort() : [];
  return {
    reachable: r.reachable === null ? 'not probed' : r.reachable ? 'yes' : 'no',
    mode: r.mode,
    sessions: r.sessions === null ? null : r.sessions.length === 0 ? '(none)' : r.sessions.slice(0, 20).join(', '),
    queues: r.eventQueues.slice(0, 40),
    stream: r.stream ? streamText(r.stream) : null,
    config: config.slice(0, MAX_CONFIG_KEYS).map((key) => ({ key, value: valueText(r.config?.[key]) })),
    moreConfig: Math.max(0, config.length - MAX_CONFIG_KEYS),
  };
}

function collectionView(d: Diagnosis) {
  const c = d.collection;
  const totals = Object.keys(c.redactions.totals).sort().map((rule) => ({ rule, count: c.redactions.totals[rule] ?? 0 }));
  const byArtifact = Object.keys(c.redactions.byArtifact).sort().slice(0, 40).map((artifact) => {
    const counts = c.redactions.byArtifact[artifact] ?? {};
    return { ref: ref(artifact), counts: Object.keys(counts).sort().map((r) => `${r} ${counts[r]}`).join(', ') };
  });
  return {
    artifacts: c.artifacts,
    missing: idList(c.missing),
    timedOut: idList(c.timedOut),
    truncated: idList(c.truncated),
    errors: idList(c.errors),
    redactionEnabled: c.redactions.enabled,
    redactionTotals: totals,
    redactionByArtifact: byArtifact,
    options: Object.keys(c.options).sort().map((key) => ({ key, value: valueText(c.options[key]) })),
    toolVersion: d.bundle.toolVersion,
    sha256: d.bundle.sha256,
  };
}

// Why: the report's later sections, shaped for the templates.
export function sectionsView(d: Diagnosis, lim: Limits) {
  return { session: sessionView(d.session, lim), redis: redisView(d.redis), collection: collectionView(d) };
}

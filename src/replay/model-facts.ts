import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { stdoutFlow } from './stdout-flow.js';
import { asRecord, healthStatus } from './parse/health.js';
import { parseSession } from './parse/session.js';
import type { Evidence } from './types.js';
import { lineEvidence } from './line-evidence.js';

// Which model the gateway runs, which one it should run, and whether the fallback is active: the inputs of
// scenarios 2 and 2c. gatewayStatus() drops /health's `status.model` and `status.fallback` (facts §2.2), so
// they are read from the raw body here. Config defaults: facts §3 (`gpt-5.6-sol`, fallback openai-codex/gpt-5.4).

export const DEFAULT_FALLBACK = 'openai-codex/gpt-5.4';
export const DEFAULT_PRIMARY = 'gpt-5.6-sol';

/** `joelclaw:gateway:config` as the redis collector stored it (`{raw, parsed}`), or a bare object. */
export function gatewayConfig(ctx: ReplayContext): Record<string, unknown> | null {
  if (ctx.absence(A.redisGatewayConfig.id)) return null;
  const doc = asRecord(ctx.json(A.redisGatewayConfig.id));
  if (!doc) return null;
  return 'parsed' in doc || 'raw' in doc ? (asRecord(doc.parsed) ?? null) : doc;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

// Why: the configured fallback as `provider/model`, the daemon's remapped default when unset.
export function configuredFallback(ctx: ReplayContext): string {
  const c = gatewayConfig(ctx);
  const model = text(c?.fallbackModel);
  if (!model) return DEFAULT_FALLBACK;
  const provider = text(c?.fallbackProvider);
  return model.includes('/') || !provider ? model : `${provider}/${model}`;
}

/** Split `provider/model`; a bare id has no provider. */
const parts = (m: string): { provider: string | null; id: string } => {
  const i = m.lastIndexOf('/');
  return i < 0 ? { provider: null, id: m } : { provider: m.slice(0, i), id: m.slice(i + 1) };
};

// Why: `openai-codex/gpt-5.6-sol` and `gpt-5.6-sol` are the same model; providers count only when both name one.
export function sameModel(a: string, b: string): boolean {
  const x = parts(a.trim());
  const y = parts(b.trim());
  if (x.id !== y.id) return false;
  return x.provider === null || y.provider === null || x.provider === y.provider;
}

/** The live model and where it was read. */
export interface LiveModel {
  model: string;
  evidence: Evidence;
}

// Why: /health status.model is the daemon's own word; else the newest assistant model of the transcript.
export function liveModel(ctx: ReplayContext): LiveModel | null {
  const fromHealth = text(healthStatus(ctx)?.model);
  if (fromHealth) return { model: fromHealth, evidence: { artifact: A.health.id, excerpt: `status.model: ${fromHealth}` } };
  const s = parseSession(ctx);
  const last = s?.messages.filter((m) => m.role === 'assistant').at(-1);
  if (!s?.currentModel || !last) return null;
  return { model: s.currentModel, evidence: { artifact: A.sessionTranscript.id, line: s.usage?.line ?? last.line, excerpt: `assistant model: ${s.currentModel}` } };
}

/** Whether the fallback model is in use at capture: true, false, or unknown (null), with the evidence. */
export interface FallbackFacts {
  active: boolean | null;
  basis: 'health' | 'logs' | 'transcript' | null;
  evidence: Evidence[];
}

// Why: /health says it outright; else the logs' activation/recovery order; else the transcript's last model_change.
export function fallbackFacts(ctx: ReplayContext): FallbackFacts {
  return ctx.memo('scenario:fallbackFacts', (): FallbackFacts => {
    const fb = asRecord(healthStatus(ctx)?.fallback);
    if (fb && typeof fb.active === 'boolean') {
      const since = text(fb.since);
      const excerpt = fb.active ? `status.fallback: active on ${text(fb.model) ?? '?'}${since ? ` since ${since}` : ''}` : 'status.fallback: inactive';
      return { active: fb.active, basis: 'health', evidence: [{ artifact: A.health.id, excerpt }] };
    }
    const flow = stdoutFlow(ctx);
    if (flow && flow.fallback.activations.length > 0) {
      return { active: flow.fallback.current, basis: 'logs', evidence: [...flow.fallback.activations, ...flow.fallback.recoveries].slice(-4) };
    }
    const change = parseSession(ctx)?.modelChanges.filter((m) => m.via === 'model_change').at(-1);
    if (change) {
      const onFallback = sameModel(change.model, configuredFallback(ctx));
      return { active: onFallback, basis: 'transcript', evidence: [{ artifact: A.sessionTranscript.id, line: change.line, excerpt: `model_change to ${change.model} at ${change.at}` }] };
    }
    if (flow) return { active: false, basis: 'logs', evidence: [] };
    return { active: null, basis: null, evidence: [] };
  });
}

/** Requested model vs live model, when they differ with the fallback inactive (SKILL scenario 2c). */
export interface ModelDrift {
  wanted: string;
  live: string;
  evidence: Evidence[];
}

// Why: one reading of drift for both the cli-status layer (it degrades) and scenario 2c (it explains): an
// active fallback is scenario 2, not drift; without /health a fallback model cannot be told apart from drift.
export function modelDrift(ctx: ReplayContext): ModelDrift | null {
  return ctx.memo('modelDrift', () => {
    const wanted = text(gatewayConfig(ctx)?.model);
    if (!wanted) return null; // no config: nothing to drift from
    const live = liveModel(ctx);
    if (!live || sameModel(live.model, wanted)) return null;
    const fb = fallbackFacts(ctx);
    if (fb.active === true) return null;
    if (fb.active === null && sameModel(live.model, configuredFallback(ctx))) return null;
    return {
      wanted,
      live: live.model,
      evidence: [
        { ...live.evidence, excerpt: `live model ${live.model} (configured ${wanted})` },
        lineEvidence(ctx, A.redisGatewayConfig.id, /"model"/) ?? { artifact: A.redisGatewayConfig.id, excerpt: `model: ${wanted}` },
        ...fb.evidence.slice(0, 1),
      ],
    };
  });
}

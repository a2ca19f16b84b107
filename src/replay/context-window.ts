import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { PI_AI_CONTEXT_WINDOWS, PI_AI_VERSION } from './context-windows.generated.js';
import { lineEvidence } from './line-evidence.js';
import { asRecord, healthStatus } from './parse/health.js';
import type { Evidence } from './types.js';

// The context window the daemon divides by (facts §8.4): the live model's `contextWindow` from pi's model
// registry, or 200000 when the registry has none (daemon.ts:1174, 1226-1237). Offline, in order of trust:
// the daemon's own figure in /health (status.sessionPressure.maxTokens, status.context.maxTokens); the
// machine's ~/.pi/agent/models.json (custom models win over built-in ones, modelOverrides change a built-in
// one: pi-coding-agent model-registry.js); pi-ai's registry as the gateway pins it; the daemon's default.

/** The daemon's DEFAULT_MODEL_CONTEXT_WINDOW (daemon.ts:1174). */
export const DEFAULT_CONTEXT_WINDOW = 200_000;
/** What pi gives a custom model without a contextWindow (model-registry.js parseModels). */
export const CUSTOM_MODEL_WINDOW = 128_000;

export type ContextWindowSource = 'health' | 'models.json' | 'pi-ai' | 'default';

export interface ContextWindow {
  window: number;
  source: ContextWindowSource;
  /** Which figure was used and why, in words, for the report. */
  why: string;
  evidence: Evidence | null;
}

const positive = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);

/** `provider/id` or a bare id. */
function split(model: string): { provider: string | null; id: string } {
  const i = model.indexOf('/');
  return i < 0 ? { provider: null, id: model } : { provider: model.slice(0, i), id: model.slice(i + 1) };
}

function fromHealth(ctx: ReplayContext): ContextWindow | null {
  const status = healthStatus(ctx);
  const pressure = positive(asRecord(status?.sessionPressure)?.maxTokens);
  const context = positive(asRecord(status?.context)?.maxTokens);
  const window = pressure ?? context;
  if (window === null) return null;
  const field = pressure !== null ? 'status.sessionPressure.maxTokens' : 'status.context.maxTokens';
  const model = typeof status?.model === 'string' ? ` for ${status.model}` : '';
  return { window, source: 'health', why: `the daemon's own figure${model} (/health ${field})`, evidence: { artifact: A.health.id, excerpt: `${field}: ${window}` } };
}

function fromModelsJson(ctx: ReplayContext, model: string): ContextWindow | null {
  if (ctx.absence(A.piModels.id)) return null;
  const providers = asRecord(asRecord(ctx.json(A.piModels.id))?.providers);
  if (!providers) return null;
  const { provider, id } = split(model);
  for (const [name, raw] of Object.entries(providers)) {
    if (provider !== null && name !== provider) continue;
    const cfg = asRecord(raw);
    const custom = (Array.isArray(cfg?.models) ? cfg.models : []).map(asRecord).find((m) => m?.id === id);
    const override = asRecord(asRecord(cfg?.modelOverrides)?.[id]);
    const window = custom ? (positive(custom.contextWindow) ?? CUSTOM_MODEL_WINDOW) : positive(override?.contextWindow);
    if (window === null) continue;
    const kind = custom ? (positive(custom.contextWindow) === null ? "a custom model without contextWindow (pi's default)" : 'a custom model') : 'a modelOverrides entry';
    const quoted = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const evidence = lineEvidence(ctx, A.piModels.id, custom ? new RegExp(`"id":\\s*"${quoted}"`) : new RegExp(`"${quoted}"\\s*:`));
    return { window, source: 'models.json', why: `${name}/${id} is ${kind} in ~/.pi/agent/models.json`, evidence: evidence ?? { artifact: A.piModels.id } };
  }
  return null;
}

function fromPiAi(model: string): ContextWindow | null {
  const { provider, id } = split(model);
  const keys = provider !== null ? [`${provider}/${id}`] : Object.keys(PI_AI_CONTEXT_WINDOWS).filter((k) => k.endsWith(`/${id}`));
  const windows = [...new Set(keys.map((k) => PI_AI_CONTEXT_WINDOWS[k]).filter((w): w is number => w !== undefined))];
  // A bare id that providers list with different windows cannot be told apart.
  if (windows.length !== 1) return null;
  return { window: windows[0]!, source: 'pi-ai', why: `pi-ai ${PI_AI_VERSION}'s registry entry for ${keys.length === 1 ? keys[0] : id}`, evidence: null };
}

// Why: session pressure is usage over this window; a wrong window turns 55% into a critical 75%.
export function contextWindow(ctx: ReplayContext, model: string | null): ContextWindow {
  return ctx.memo(`contextWindow:${model ?? ''}`, () => {
    const health = fromHealth(ctx);
    if (health) return health;
    const known = model === null ? null : (fromModelsJson(ctx, model) ?? fromPiAi(model));
    if (known) return known;
    const why = model === null ? 'no model in force is known' : `${model} is in neither ~/.pi/agent/models.json nor pi-ai ${PI_AI_VERSION}'s registry`;
    return { window: DEFAULT_CONTEXT_WINDOW, source: 'default', why: `the daemon's default of ${DEFAULT_CONTEXT_WINDOW}: ${why}`, evidence: null };
  });
}

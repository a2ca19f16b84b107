import * as z from 'zod';
import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';

// Parser for the daemon's `/health` body (joelclaw-gateway-facts §2.3). Loose on purpose: older daemons lack
// sections, newer ones add keys, and a diagnosis must read both. Nested sections stay plain records.

const Capability = z.union([
  z.string().transform((key) => ({ key, reason: null as string | null })),
  z.looseObject({ key: z.string(), reason: z.string().nullable().optional() }),
]);

const Section = z.record(z.string(), z.unknown());
const optionalOf = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The top level of the body; `status` holds the daemon's status payload. */
export const HealthBodySchema = z.looseObject({
  ok: optionalOf(z.boolean()),
  available: optionalOf(z.boolean()),
  healthy: optionalOf(z.boolean()),
  checkedAt: optionalOf(z.string()),
  mode: optionalOf(z.string()),
  degradedCapabilities: optionalOf(z.array(Capability)),
  reason: optionalOf(z.string().nullable()),
  since: optionalOf(z.string().nullable()),
  reconnectAttempts: optionalOf(z.number().nullable()),
  components: optionalOf(Section),
  status: optionalOf(Section),
});
export type HealthBody = z.infer<typeof HealthBodySchema>;

/** A parse that failed says why in one line. */
export type HealthParse = { ok: true; body: HealthBody } | { ok: false; error: string };

// Why: cli-status recomputes `joelclaw gateway status` from this body without running it.
export function parseHealth(text: string): HealthParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `/health body is not JSON: ${(e as Error).message.split('\n')[0]}` };
  }
  const parsed = HealthBodySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: '/health body is not a JSON object' };
  return { ok: true, body: parsed.data };
}

/** A plain-object view of an unknown value, or undefined. */
export const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

// Why: sections sit under `status` in the daemon's body but at the top of `gateway status`; read either.
export function healthSection(body: HealthBody, name: string): Record<string, unknown> | undefined {
  return asRecord((body as Record<string, unknown>)[name]) ?? asRecord(body.status?.[name]);
}

/** The `status` section of the raw /health body, when one parsed (a 503 body counts: it is the daemon's answer). */
export function healthStatus(ctx: ReplayContext): Record<string, unknown> | null {
  return ctx.memo('health:status', () => {
    const text = ctx.text(A.health.id);
    if (text === undefined || text.trim() === '') return null;
    const parsed = parseHealth(text);
    return parsed.ok ? (asRecord(parsed.body.status) ?? null) : null;
  });
}

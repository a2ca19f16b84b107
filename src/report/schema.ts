import * as z from 'zod';

// `gwbundle report --format json` is a contract others script against (contract: "report --format json"):
// this zod schema is its single definition, validated in tests and published as schemas/report.schema.json.
// Objects are loose: every contract field is required with its type, extra fields (messageId, excerpt,
// session, redis, runtime) may be added without a major bump.

export const REPORT_SCHEMA_ID = 'gwbundle.report/v1';

const LayerStatusV1 = z.enum(['ok', 'degraded', 'failed', 'skipped', 'unknown']);

export const EvidenceV1 = z.looseObject({
  artifact: z.string(),
  line: z.number().int().positive().optional(),
});

export const FindingV1 = z.looseObject({
  text: z.string(),
  evidence: z.array(EvidenceV1),
});

export const LayerV1 = z.looseObject({
  id: z.string(),
  seedLayer: z.number().int().min(-1).max(8),
  status: LayerStatusV1,
  reason: z.string().optional(),
  detail: z.string(),
  findings: z.array(FindingV1),
});

export const ScenarioV1 = z.looseObject({
  id: z.string(),
  title: z.string(),
  evidence: z.array(EvidenceV1),
  /** The fix steps joined into one string; `fixSteps` keeps them apart. */
  fix: z.string(),
});

export const PatternV1 = z.looseObject({
  label: z.string(),
  severity: z.enum(['error', 'warn']),
  count: z.number().int().nonnegative(),
  artifact: z.string(),
  lastLine: z.number().int().nonnegative(),
});

export const TimelineV1 = z.looseObject({
  at: z.string(),
  source: z.string(),
  text: z.string(),
});

export const CollectionV1 = z.looseObject({
  artifacts: z.number().int().nonnegative(),
  missing: z.array(z.string()),
  timedOut: z.array(z.string()),
  truncated: z.array(z.string()),
  redactions: z.looseObject({
    enabled: z.boolean(),
    totals: z.record(z.string(), z.number().int().nonnegative()),
  }),
});

/** The whole `--format json` document. */
export const ReportV1 = z.looseObject({
  schema: z.literal(REPORT_SCHEMA_ID),
  bundle: z.looseObject({
    sha256: z.string().nullable(),
    collectedAt: z.iso.datetime(),
    host: z.string(),
    toolVersion: z.string(),
  }),
  verdict: z.looseObject({
    status: z.enum(['ok', 'degraded', 'failed']),
    layer: z.string().nullable(),
    summary: z.string(),
  }),
  layers: z.array(LayerV1),
  scenarios: z.array(ScenarioV1),
  patterns: z.array(PatternV1),
  timeline: z.array(TimelineV1),
  collection: CollectionV1,
});
export type ReportV1 = z.infer<typeof ReportV1>;

// Why: the published schema is generated, so the file other tools validate against cannot drift.
export function reportJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ReportV1, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema, title: `gwbundle report (schema "${REPORT_SCHEMA_ID}")`, ...rest };
}

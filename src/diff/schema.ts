import * as z from 'zod';

// `gwbundle diff --format json` is a contract others script against: this zod schema is its single
// definition (the DiffResult type is inferred from it), validated in tests and published as
// schemas/diff.schema.json. The published schema lets objects carry fields added later within v1.

export const DIFF_SCHEMA_ID = 'gwbundle.diff/v1';

const LayerStatus = z.enum(['ok', 'degraded', 'failed', 'skipped', 'unknown']);

/** How a layer moved from OLD to NEW; the first three are "worse" (exit 3). */
export const LAYER_CHANGES = ['new-failure', 'worse', 'lost-visibility', 'resolved', 'better', 'gained-visibility', 'changed', 'unchanged'] as const;
export type LayerChange = (typeof LAYER_CHANGES)[number];

/** How a figure or machine fact moved: a number up or down, any other value changed, known <-> unknown. */
export const READING_CHANGES = ['up', 'down', 'changed', 'lost-visibility', 'gained-visibility', 'unchanged'] as const;
export type ReadingChange = (typeof READING_CHANGES)[number];

const Side = z.object({
  sha256: z.string().nullable(),
  collectedAt: z.string(),
  host: z.string(),
  toolVersion: z.string(),
  /** The collection window (`--hours`) the window counts were taken over; null when the manifest does not say. */
  windowHours: z.number().nullable(),
  verdict: z.object({ status: z.enum(['ok', 'degraded', 'failed']), layer: z.string().nullable(), summary: z.string() }),
});

const LayerSide = z.object({ status: LayerStatus, detail: z.string(), reason: z.string().optional() });

export const LayerDiffV1 = z.object({
  id: z.string(),
  seedLayer: z.number().int().min(-1).max(8),
  title: z.string(),
  old: LayerSide,
  new: LayerSide,
  change: z.enum(LAYER_CHANGES),
});

export const ScenarioDiffV1 = z.object({
  id: z.string(),
  title: z.string(),
  layer: z.string(),
  change: z.enum(['appeared', 'resolved', 'still-present']),
});

const Value = z.union([z.number(), z.string()]).nullable();

/** One figure or machine fact on both sides; a null value is unknown, and `oldWhy`/`newWhy` say why. */
export const ReadingV1 = z.object({
  id: z.string(),
  group: z.string(),
  label: z.string(),
  /** `s`, `min`, `%`, `count`, or null for text. */
  unit: z.string().nullable(),
  old: Value,
  new: Value,
  oldWhy: z.string().optional(),
  newWhy: z.string().optional(),
  change: z.enum(READING_CHANGES),
  /** Whether the change is for the better (true) or the worse (false); null when unchanged or neither. */
  better: z.boolean().nullable(),
  /** What changed inside a list value (environment variable names added/removed). */
  note: z.string().optional(),
});

/** The whole `gwbundle diff --format json` document. */
export const DiffV1 = z.object({
  schema: z.literal(DIFF_SCHEMA_ID),
  /** worse: something got worse (exit 3); better: something got better and nothing worse; changed: only neutral changes. */
  outcome: z.enum(['worse', 'better', 'changed', 'no-change']),
  summary: z.string(),
  /** One line per thing that got worse / better, in layer order then scenarios. */
  worse: z.array(z.string()),
  better: z.array(z.string()),
  old: Side,
  new: Side,
  /** NEW's capture time minus OLD's, in seconds (negative when NEW is older). */
  elapsedSeconds: z.number(),
  warnings: z.array(z.string()),
  layers: z.array(LayerDiffV1),
  scenarios: z.array(ScenarioDiffV1),
  figures: z.array(ReadingV1),
  machine: z.array(ReadingV1),
});

export type DiffResult = z.infer<typeof DiffV1>;
export type LayerDiff = z.infer<typeof LayerDiffV1>;
export type ScenarioDiff = z.infer<typeof ScenarioDiffV1>;
export type Reading = z.infer<typeof ReadingV1>;

// Why: the published schema is generated, so the file other tools validate against cannot drift. `io: input`
// leaves objects open (no additionalProperties: false), so v1 readers accept fields added later.
export function diffJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(DiffV1, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { $schema, title: `gwbundle diff (schema "${DIFF_SCHEMA_ID}")`, ...rest };
}

import { UsageError } from '../errors.js';
import { renderDiffMarkdown } from './render/markdown.js';
import type { DiffResult } from './schema.js';

// `gwbundle diff OLD NEW`: what changed between two bundles, in layers, scenarios, figures and machine facts.
// The CLI replays both bundles (src/replay) and hands the two diagnoses to diffDiagnoses (pure); the renderers
// turn the DiffResult into Markdown (templates/diff.md.hbs) or the `gwbundle.diff/v1` JSON document.

export type DiffFormat = 'markdown' | 'json';

export { diffDiagnoses } from './compare.js';
export { renderDiffMarkdown } from './render/markdown.js';
export { DIFF_SCHEMA_ID, DiffV1, type DiffResult, diffJsonSchema } from './schema.js';

// Why: the one entry point the CLI calls; JSON is the DiffResult itself, 2-space with a trailing newline.
export function renderDiff(d: DiffResult, format: DiffFormat): string {
  switch (format) {
    case 'markdown':
      return renderDiffMarkdown(d);
    case 'json':
      return `${JSON.stringify(d, null, 2)}\n`;
    default:
      throw new UsageError(`--format must be markdown or json (got ${JSON.stringify(format)})`);
  }
}

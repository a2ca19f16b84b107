import { GITHUB_COMMENT_MAX } from '../../report/markdown/limits.js';
import { fitToComment } from '../../report/markdown/safe-cut.js';
import type { DiffResult } from '../schema.js';
import { diffTemplate } from './env.js';
import { DIFF_LEVELS, diffView } from './view.js';

// `gwbundle diff` (Markdown): readable on GitHub and never longer than one comment, like the report. Renders
// at the most generous level first and steps down until it fits.

const LAST_RESORT_NOTE = '> The diff was cut here to fit one GitHub comment. `gwbundle diff OLD NEW --format json` has all of it.';

// Why: the default diff format; a pure function of the DiffResult.
export function renderDiffMarkdown(d: DiffResult, max = GITHUB_COMMENT_MAX): string {
  const template = diffTemplate();
  return fitToComment(DIFF_LEVELS, (limits) => template(diffView(d, limits)), max, LAST_RESORT_NOTE);
}

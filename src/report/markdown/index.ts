import type { Diagnosis } from '../../replay/types.js';
import { reportTemplate } from './env.js';
import { GITHUB_COMMENT_MAX, LEVELS } from './limits.js';
import { fitToComment } from './safe-cut.js';
import { reportView } from './view.js';

// `--format markdown`: the incident report, readable on GitHub and never longer than one comment. Renders
// at the most generous level first and steps down (timeline, then excerpts, then long lists) until it fits.

const LAST_RESORT_NOTE =
  '> The report was cut here to fit one GitHub comment. `gwbundle report BUNDLE --format json` has the whole diagnosis, and `gwbundle show BUNDLE <artifact>` prints any artifact.';

// Why: the default report format; a pure function of the Diagnosis.
export function renderMarkdown(d: Diagnosis, max = GITHUB_COMMENT_MAX): string {
  const template = reportTemplate();
  return fitToComment(LEVELS, (limits) => template(reportView(d, limits)), max, LAST_RESORT_NOTE);
}

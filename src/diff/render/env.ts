import { markdownHandlebars } from '../../report/markdown/env.js';
import { diffSpec } from '../../report/templates.generated.js';

// The diff's handlebars environment: the report's (isolated, `noEscape`, `strict`, its escaping helpers), with
// templates/diff.md.hbs precompiled the same way into src/report/templates.generated.ts.

let compiled: HandlebarsTemplateDelegate | null = null;

// Why: compiled once per process; the diff renders again, smaller, when it does not fit one comment.
export function diffTemplate(): HandlebarsTemplateDelegate {
  compiled ??= markdownHandlebars().template(diffSpec) as HandlebarsTemplateDelegate;
  return compiled;
}

import type HandlebarsFull from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { mdCell, mdInline, statusIcon } from '../../report/markdown/escape.js';
import { diffSpec } from '../../report/templates.generated.js';

// why: the runtime is the full package minus the compiler; its typings only re-declare the full one
const Handlebars = HandlebarsRuntime as unknown as typeof HandlebarsFull;

// The diff's handlebars environment, set up like the report's: isolated, `noEscape` (Markdown is escaped by
// context through the report's helpers) and `strict` (a missing field throws instead of rendering ''), and
// precompiled the same way (templates/diff.md.hbs into src/report/templates.generated.ts).

type HelperArgs = unknown[];
/** Handlebars passes its options object last; strip it so optional arguments read as undefined. */
const args = (a: HelperArgs): unknown[] => a.slice(0, -1);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

let compiled: HandlebarsTemplateDelegate | null = null;

// Why: compiled once per process; the diff renders again, smaller, when it does not fit one comment.
export function diffTemplate(): HandlebarsTemplateDelegate {
  if (compiled) return compiled;
  const hbs = Handlebars.create();
  hbs.registerHelper({
    mdInline: (...a: HelperArgs) => mdInline(args(a)[0], num(args(a)[1])),
    mdCell: (...a: HelperArgs) => mdCell(args(a)[0], num(args(a)[1])),
    statusIcon: (...a: HelperArgs) => statusIcon(args(a)[0]),
  });
  compiled = hbs.template(diffSpec) as HandlebarsTemplateDelegate;
  return compiled;
}

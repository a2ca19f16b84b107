import type HandlebarsFull from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { reportPartialSpecs, reportSpec } from '../templates.generated.js';
import { fence, mdCell, mdInline, mdProse, statusIcon } from './escape.js';

// why: the runtime is the full package minus the compiler; its typings only re-declare the full one
const Handlebars = HandlebarsRuntime as unknown as typeof HandlebarsFull;

// The Markdown handlebars environments of the report and the diff: isolated (`Handlebars.create()`, so no
// other code's helpers or partials leak in), `noEscape` (HTML escaping is wrong for Markdown: our helpers escape
// by context) and `strict` (a missing field throws instead of rendering ''). The templates in templates/ are
// precompiled with those options into ../templates.generated.ts (`npm run templates`), so only handlebars'
// runtime is loaded.

type HelperArgs = unknown[];
/** Handlebars passes its options object last; strip it so optional arguments read as undefined. */
const args = (a: HelperArgs): unknown[] => a.slice(0, -1);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The escaping helpers both templates use. */
const SHARED_HELPERS = {
  mdInline: (...a: HelperArgs) => mdInline(args(a)[0], num(args(a)[1])),
  mdCell: (...a: HelperArgs) => mdCell(args(a)[0], num(args(a)[1])),
  statusIcon: (...a: HelperArgs) => statusIcon(args(a)[0]),
};

/** An isolated environment with the shared helpers and `extra` ones (each template gets only what it names). */
export function markdownHandlebars(extra: Record<string, (...a: HelperArgs) => unknown> = {}): typeof HandlebarsFull {
  const hbs = Handlebars.create();
  hbs.registerHelper({ ...SHARED_HELPERS, ...extra });
  return hbs;
}

let compiled: HandlebarsTemplateDelegate | null = null;

// Why: compiled once per process; the report renders several times while it shrinks to fit one comment.
export function reportTemplate(): HandlebarsTemplateDelegate {
  if (compiled) return compiled;
  const hbs = markdownHandlebars({
    mdProse: (...a: HelperArgs) => mdProse(args(a)[0], num(args(a)[1])),
    fence: (...a: HelperArgs) => {
      const [text, lang, lines] = args(a);
      return fence(text, typeof lang === 'string' ? lang : 'text', num(lines));
    },
    upper: (...a: HelperArgs) => String(args(a)[0] ?? '').toUpperCase(),
    inc: (...a: HelperArgs) => Number(args(a)[0]) + 1,
  });
  for (const [name, spec] of Object.entries(reportPartialSpecs)) hbs.registerPartial(name, hbs.template(spec));
  compiled = hbs.template(reportSpec) as HandlebarsTemplateDelegate;
  return compiled;
}

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { InternalError } from '../../errors.js';
import { fence, mdCell, mdInline, mdProse, statusIcon } from './escape.js';

// The Markdown report's handlebars environment: isolated (`Handlebars.create()`, so no other code's helpers
// or partials leak in), `noEscape` (HTML escaping is wrong for Markdown: our helpers escape by context) and
// `strict` (a missing field throws instead of rendering ''). Templates live in the package's templates/
// folder, found relative to this module: the same two levels up from src/report/markdown and dist/report/markdown.

/** The package's templates/ folder. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

type HelperArgs = unknown[];
/** Handlebars passes its options object last; strip it so optional arguments read as undefined. */
const args = (a: HelperArgs): unknown[] => a.slice(0, -1);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function read(file: string): string {
  try {
    return readFileSync(`${TEMPLATES_DIR}${file}`, 'utf8');
  } catch (e) {
    throw new InternalError(`report template ${file} not found in ${TEMPLATES_DIR}: is the package's templates/ folder installed?`, { cause: e });
  }
}

let compiled: HandlebarsTemplateDelegate | null = null;

// Why: compiled once per process; the report renders several times while it shrinks to fit one comment.
export function reportTemplate(): HandlebarsTemplateDelegate {
  if (compiled) return compiled;
  const hbs = Handlebars.create();
  hbs.registerHelper({
    mdInline: (...a: HelperArgs) => mdInline(args(a)[0], num(args(a)[1])),
    mdCell: (...a: HelperArgs) => mdCell(args(a)[0], num(args(a)[1])),
    mdProse: (...a: HelperArgs) => mdProse(args(a)[0], num(args(a)[1])),
    fence: (...a: HelperArgs) => {
      const [text, lang, lines] = args(a);
      return fence(text, typeof lang === 'string' ? lang : 'text', num(lines));
    },
    statusIcon: (...a: HelperArgs) => statusIcon(args(a)[0]),
    upper: (...a: HelperArgs) => String(args(a)[0] ?? '').toUpperCase(),
    inc: (...a: HelperArgs) => Number(args(a)[0]) + 1,
  });
  let partials: string[];
  try {
    partials = readdirSync(`${TEMPLATES_DIR}partials`).filter((f) => f.endsWith('.md.hbs'));
  } catch (e) {
    throw new InternalError(`report templates not found in ${TEMPLATES_DIR}partials: is the package's templates/ folder installed?`, { cause: e });
  }
  for (const f of partials) hbs.registerPartial(f.slice(0, -'.md.hbs'.length), read(`partials/${f}`));
  compiled = hbs.compile(read('report.md.hbs'), { noEscape: true, strict: true });
  return compiled;
}

import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { InternalError } from '../../errors.js';
import { mdCell, mdInline, statusIcon } from '../../report/markdown/escape.js';
import { TEMPLATES_DIR } from '../../report/markdown/env.js';

// The diff's handlebars environment, set up like the report's: isolated, `noEscape` (Markdown is escaped by
// context through the report's helpers) and `strict` (a missing field throws instead of rendering '').

const DIFF_TEMPLATE = 'diff.md.hbs';

type HelperArgs = unknown[];
/** Handlebars passes its options object last; strip it so optional arguments read as undefined. */
const args = (a: HelperArgs): unknown[] => a.slice(0, -1);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

let compiled: HandlebarsTemplateDelegate | null = null;

// Why: compiled once per process; the diff renders again, smaller, when it does not fit one comment.
export function diffTemplate(): HandlebarsTemplateDelegate {
  if (compiled) return compiled;
  let source: string;
  try {
    source = readFileSync(`${TEMPLATES_DIR}${DIFF_TEMPLATE}`, 'utf8');
  } catch (e) {
    throw new InternalError(`diff template ${DIFF_TEMPLATE} not found in ${TEMPLATES_DIR}: is the package's templates/ folder installed?`, { cause: e });
  }
  const hbs = Handlebars.create();
  hbs.registerHelper({
    mdInline: (...a: HelperArgs) => mdInline(args(a)[0], num(args(a)[1])),
    mdCell: (...a: HelperArgs) => mdCell(args(a)[0], num(args(a)[1])),
    statusIcon: (...a: HelperArgs) => statusIcon(args(a)[0]),
  });
  compiled = hbs.compile(source, { noEscape: true, strict: true });
  return compiled;
}

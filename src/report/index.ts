import type { Diagnosis } from '../replay/types.js';
import { UsageError } from '../errors.js';
import { renderDiagnose } from './diagnose.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown/index.js';

// The report renderers behind `gwbundle report --format`: each a pure function of the Diagnosis returning
// the whole text (the CLI writes it). Markdown is the incident report; json the same as data; diagnose the
// result object of `joelclaw gateway diagnose`.

export type ReportFormat = 'markdown' | 'json' | 'diagnose';

export { renderMarkdown } from './markdown/index.js';
export { renderJson, toReportV1 } from './json.js';
export { renderDiagnose, toDiagnoseResult } from './diagnose.js';
export { ReportV1, reportJsonSchema } from './schema.js';

// Why: the one entry point the CLI calls.
export function renderReport(d: Diagnosis, format: ReportFormat): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(d);
    case 'json':
      return renderJson(d);
    case 'diagnose':
      return renderDiagnose(d);
    default:
      throw new UsageError(`--format must be markdown, json or diagnose (got ${JSON.stringify(format)}, a ${typeof format})`);
  }
}

import { A } from '../bundle/artifacts.js';
import type { BundleView } from '../bundle/view.js';
import { UsageError } from '../errors.js';
import { groupRecords } from '../replay/records.js';

// `gwbundle show BUNDLE ARTIFACT[:LINE[-LINE]]`: the offline stand-in for re-running a command, and the way to
// open the evidence a report cites exactly as it is printed (`files/gateway.err:10`). With a line, it prints
// the record at that line (bun's multi-line log record in the daemon logs, the line itself elsewhere) with
// numbered context lines, the cited ones marked with `>`.

/** Lines of context printed before and after the cited lines, unless --context says otherwise. */
export const SHOW_CONTEXT = 3;

/** The daemon logs, where one record spans several lines (bun prints objects over several lines). */
const RECORD_LOGS: ReadonlySet<string> = new Set([A.gatewayLog.id, A.gatewayErrLog.id]);

export interface ShowTarget {
  artifact: string;
  /** The cited lines (1-based, inclusive); absent: the whole artifact. */
  lines?: { from: number; to: number };
}

// Why: an artifact id may itself hold a colon one day; an id that names an artifact wins over a line suffix.
export function parseShowTarget(view: BundleView, arg: string, bundle: string): ShowTarget {
  if (view.entry(arg)) return { artifact: arg };
  const m = /^(.+):(\d+)(?:-(\d+))?$/.exec(arg);
  if (m && view.entry(m[1]!)) {
    const from = Number(m[2]);
    const to = m[3] === undefined ? from : Number(m[3]);
    if (from < 1 || to < from) throw new UsageError(`${arg}: lines are numbered from 1, and a range reads FROM-TO with FROM <= TO`);
    return { artifact: m[1]!, lines: { from, to } };
  }
  throw new UsageError(`no artifact "${m ? m[1] : arg}" in ${bundle} (gwbundle inspect ${bundle} lists them)`);
}

/** The artifact's text, or a one-line refusal (exit 1, like every show that has nothing to print) saying why it has none (its manifest status and reason). */
function contentOf(view: BundleView, artifact: string): string {
  const text = view.text(artifact);
  if (text !== undefined) return text;
  const entry = view.entry(artifact);
  const why = entry ? `${entry.status}${entry.reason ? `: ${entry.reason}` : ''}` : 'not in the manifest';
  throw new UsageError(`${artifact} has no content in this bundle (${why}); gwbundle show --meta prints its manifest entry`);
}

/** For one cited line of a daemon log, the whole record it belongs to; elsewhere the line itself. */
function recordSpan(artifact: string, lines: readonly string[], line: number): { from: number; to: number } {
  if (!RECORD_LOGS.has(artifact)) return { from: line, to: line };
  const r = groupRecords(artifact, lines).find((x) => x.line <= line && line <= x.endLine);
  return r ? { from: r.line, to: r.endLine } : { from: line, to: line };
}

/** What `show` writes: the artifact (or the cited lines) on stdout; a command's captured stderr on stderr. */
export interface Shown {
  stdout: string;
  stderr: string;
}

// Why: a whole command artifact is shown as re-running it would: its stdout, and the stderr it printed (where
// `colima status` says "colima is not running"); a cited line is the record at that line with context.
export function showArtifact(view: BundleView, target: ShowTarget, context = SHOW_CONTEXT): Shown {
  const text = contentOf(view, target.artifact);
  if (!target.lines) return { stdout: text, stderr: view.entry(target.artifact)?.stderr ?? '' };
  return { stdout: citedLines(target.artifact, text, target.lines, context), stderr: '' };
}

function citedLines(artifact: string, text: string, cite: { from: number; to: number }, context: number): string {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const { from, to } = cite;
  if (from > lines.length) {
    throw new UsageError(`${artifact} has ${lines.length} line${lines.length === 1 ? '' : 's'}: line ${from} is past its end`);
  }
  const cited = from === to ? recordSpan(artifact, lines, from) : { from, to: Math.min(to, lines.length) };
  const first = Math.max(1, cited.from - context);
  const last = Math.min(lines.length, cited.to + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const mark = n >= cited.from && n <= cited.to ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${lines[n - 1]}`);
  }
  return `${out.join('\n')}\n`;
}

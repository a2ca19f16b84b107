import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { recordHolding } from '../records.js';
import { type Moment, momentAt, short } from './moment.js';

// The logs carry no timestamps (facts §1.1): their only clocks are ISO strings inside logged objects
// (lifecycleRestart.completedAt in the startup record, lastPromptAt in a stuck health check, promptDispatchedAt
// in the fallback timeout, since, ...) and the files' mtimes, which mark the last write.

const LOGS = [A.gatewayLog.id, A.gatewayErrLog.id] as const;
const ISO_HINT = /"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
const ISO_FIELD = /^\s*(\w+):\s*"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))"/;
/** Files whose mtime is worth a row: the logs (last write) and the state files the daemon writes at start. */
const MTIME_FILES = [A.gatewayLog, A.gatewayErrLog, A.pidFile, A.wsPortFile, A.sessionIdFile, A.sessionTranscript] as const;

// Why: the timestamps bun printed inside multi-line records, each cited at its own physical line.
export function logMoments(ctx: ReplayContext): Moment[] {
  const out: Moment[] = [];
  for (const id of LOGS) {
    const records = ctx.records(id) ?? [];
    // why: the quoted ISO instants are found in the log's bytes first, so only the few records with one are decoded
    const hinted = new Set(ctx.linesMatching(id, ISO_HINT).flatMap((line) => recordHolding(records, line) ?? []));
    for (const r of hinted) {
      r.text.split('\n').forEach((l, i) => {
        const m = ISO_FIELD.exec(l);
        if (!m) return;
        const text = short(`${m[1]} in "${r.head.replace(/\s*\{\s*$/, '')}"`);
        out.push(...momentAt(m[2], { source: 'log', text, artifact: id, line: r.line + i, important: id === A.gatewayErrLog.id }));
      });
    }
  }
  for (const spec of MTIME_FILES) {
    const e = ctx.entry(spec.id);
    if (!e || e.status === 'missing' || e.status === 'skipped') continue;
    out.push(...momentAt(e.mtime, { source: 'file', text: `${spec.title} last modified`, artifact: spec.id }));
  }
  return out;
}

import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { parseSession } from '../parse/session.js';
import { type Moment, short } from './moment.js';

// The transcript's timestamped entries (facts §4): prompts, replies, errors, tool calls, model changes (fallback
// swaps), compactions and rotations, from the session parser so nothing is read twice.

const ID = A.sessionTranscript.id;
const ERROR_STOPS = new Set(['error', 'aborted']);

// Why: the transcript is the densest clock in a bundle whose logs carry no timestamps.
export function sessionMoments(ctx: ReplayContext): Moment[] {
  const s = parseSession(ctx);
  if (!s) return [];
  const out: Moment[] = [];
  const at = (line: number) => ({ artifact: ID, line });
  if (s.header?.at && Number.isFinite(Date.parse(s.header.at))) {
    out.push({ ms: Date.parse(s.header.at), source: 'session', text: `session ${s.header.id ?? '?'} started`, ...at(s.header.line) });
  }
  for (const m of s.messages) {
    if (m.role === 'user') out.push({ ms: m.ms, source: 'session', text: `user prompt: ${short(m.text, 100)}`, ...at(m.line) });
    else if (m.role === 'assistant') {
      const stop = m.stopReason ?? 'none';
      if (ERROR_STOPS.has(stop)) out.push({ ms: m.ms, source: 'session', text: `assistant ${stop}: ${short(m.text.replace(/^\[\w+\]\s*/, ''))}`, ...at(m.line), important: true });
      else if (stop === 'toolUse') out.push({ ms: m.ms, source: 'session', text: `tool call: ${short(m.text.replace(/\[tool call ([^\]]+)\]/, '$1'), 100)}`, ...at(m.line) });
      else out.push({ ms: m.ms, source: 'session', text: `assistant reply (${stop}): ${short(m.text, 80)}`, ...at(m.line) });
    }
  }
  for (const e of s.errors.filter((x) => x.kind === 'tool')) {
    out.push({ ms: Date.parse(e.at), source: 'session', text: `tool error: ${short(e.text)}`, ...at(e.line), important: true });
  }
  for (const c of s.modelChanges.filter((x) => x.via === 'model_change')) {
    out.push({ ms: Date.parse(c.at), source: 'session', text: `model changed to ${c.model}`, ...at(c.line), important: true });
  }
  for (const c of s.compactions) {
    out.push({ ms: Date.parse(c.at), source: 'session', text: `compaction${c.tokensBefore === null ? '' : ` (${c.tokensBefore} tokens before)`}`, ...at(c.line) });
  }
  for (const r of s.rotations) out.push({ ms: Date.parse(r.at), source: 'session', text: 'session rotated (rotation summary injected)', ...at(r.line), important: true });
  return out.filter((m) => Number.isFinite(m.ms));
}

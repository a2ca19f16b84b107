import { stripVTControlCharacters } from 'node:util';

// Text from logs is data: these helpers decide how it lands in Markdown (dependency-notes §6). Escaping
// depends on where the text goes: inline prose, a table cell, or a fenced block. Long text is cut visibly.

/** Cells and inline text longer than this are cut with "…". */
export const INLINE_MAX = 300;
/** Lines inside a fence longer than this are cut with a note of how much was cut. */
export const FENCE_LINE_MAX = 240;

// C0 controls except \t and \n, DEL and C1 controls; ANSI sequences go first through stripVTControlCharacters.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// Why: ANSI colour codes and control bytes in captured logs must neither render nor break the layout.
export const clean = (s: unknown): string => stripVTControlCharacters(String(s ?? '')).replace(/\r\n?/g, '\n').replace(CONTROL, '');

// Why: a cut must be visible, so nobody mistakes a shortened log line for the whole one.
export function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

// Why: prose from data must not become emphasis, links, HTML or headings.
export function mdInline(s: unknown, max = INLINE_MAX): string {
  const one = cut(clean(s).replace(/\s*\n\s*/g, ' '), max);
  return one.replace(/[\\`*_{}[\]#+<>~|&]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`));
}

// Why: our own catalog text (scenario causes and fix steps) marks commands as `code`: keep those spans, and
// escape everything around them as prose. Never used for text that came from the bundle.
export function mdProse(s: unknown, max = INLINE_MAX): string {
  const text = cut(clean(s).replace(/\s*\n\s*/g, ' '), max);
  return text
    .split(/(`[^`]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? part : mdInline(part, Number.POSITIVE_INFINITY)))
    .join('');
}

// Why: GFM table cells end at an unescaped pipe; mdInline already escapes pipes and folds newlines.
export const mdCell = (s: unknown, max = INLINE_MAX): string => {
  const t = mdInline(s, max);
  return t === '' ? ' ' : t;
};

/** A fenced block whose fence is longer than any backtick run inside, lines cut visibly, at most maxLines. */
export function fence(s: unknown, lang = 'text', maxLines = 40): string {
  let lines = clean(s).split('\n');
  const more = lines.length - maxLines;
  if (more > 0) lines = [...lines.slice(0, maxLines), `… ${more} more line(s) cut`];
  lines = lines.map((l) => (l.length > FENCE_LINE_MAX ? `${l.slice(0, FENCE_LINE_MAX)}… (${l.length - FENCE_LINE_MAX} chars cut)` : l));
  const body = lines.join('\n');
  let longest = 2;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${body}\n${f}`;
}

/** An artifact id (and line) as inline code; ids are safe path segments, anything else is escaped prose. */
export function ref(artifact: unknown, line?: unknown): string {
  const id = clean(artifact);
  const at = typeof line === 'number' ? `:${line}` : '';
  return /^[a-z0-9][a-z0-9._/-]*$/.test(id) ? `\`${id}${at}\`` : `${mdInline(id)}${at}`;
}

const ICONS: Readonly<Record<string, string>> = { ok: '✅', degraded: '⚠️', failed: '❌', skipped: '⏭️', unknown: '❔' };

// Why: a status readable at a glance in the table and the title, with the word kept for screen readers and grep.
export const statusIcon = (status: unknown): string => ICONS[String(status)] ?? '❔';

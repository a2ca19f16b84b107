// Go RE2 syntax (https://github.com/google/re2/wiki/Syntax) -> a JavaScript RegExp source that matches the
// same strings. V8 on Node 20 has no inline modifier groups, so `(?i)` in the middle of a pattern, `(?i:...)`,
// `(?-i:...)` and `(?s:...)` are rewritten: letters of a case-insensitive part become `[aA]`, its classes get
// both cases, and a dot under `s` becomes `[\s\S]`. A pattern that is case-insensitive throughout keeps the
// `i` flag instead. What has no JavaScript equivalent (Unicode classes, Go's `(?U)`) is refused with the reason.
// Used by scripts/refresh-gitleaks.ts; nothing here runs at redaction time.

/** A pattern this translator cannot express in JavaScript, with why. */
export class UnsupportedRegex extends Error {}

/** The JavaScript source and flags (besides g/d) of a Go regex. */
export interface TranslatedRegex {
  source: string;
  flags: string;
}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

const POSIX: Record<string, string> = {
  alnum: 'a-zA-Z0-9', alpha: 'a-zA-Z', digit: '0-9', lower: 'a-z', upper: 'A-Z', space: '\\t\\n\\v\\f\\r ',
  word: '\\w', xdigit: '0-9A-Fa-f', punct: '!-\\/:-@\\[-`{-~', blank: '\\t ', cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~', graph: '!-~', ascii: '\\x00-\\x7f',
};

const isLetter = (c: string): boolean => /^[a-zA-Z]$/.test(c);
const otherCase = (c: string): string => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());

/** Escape one char for use inside a JS character class. */
const classChar = (c: string): string => (/[\]\[\\^-]/.test(c) ? `\\${c}` : c);

function applyFlagString(spec: string, base: Flags): Flags {
  const out = { ...base };
  let on = true;
  for (const f of spec) {
    if (f === '-') on = false;
    else if (f === 'i' || f === 's' || f === 'm') out[f] = on;
    else throw new UnsupportedRegex(`flag (?${spec}) has no JavaScript equivalent`);
  }
  return out;
}

/**
 * Parse a class starting at `i` (just after `[`); returns the JS class text and the index after `]`.
 * Under `ci`, letters and letter ranges get their other case.
 */
function translateClass(p: string, i: number, ci: boolean): { text: string; next: number } {
  let negated = false;
  if (p[i] === '^') {
    negated = true;
    i++;
  }
  const items: string[] = [];
  const extra: string[] = [];
  let first = true;
  while (i < p.length && (p[i] !== ']' || first)) {
    first = false;
    if (p.startsWith('[:', i)) {
      const end = p.indexOf(':]', i + 2);
      const name = p.slice(i + 2, end);
      const neg = name.startsWith('^');
      const body = POSIX[neg ? name.slice(1) : name];
      if (end < 0 || body === undefined || neg) throw new UnsupportedRegex(`POSIX class [:${name}:] is not supported`);
      items.push(body);
      i = end + 2;
      continue;
    }
    let lo: string;
    let loEsc: string;
    if (p[i] === '\\') {
      const e = p[i + 1] ?? '';
      if (e === 'p' || e === 'P') throw new UnsupportedRegex('Unicode classes (\\p) are not supported');
      if (e === 'x') {
        const hex = p[i + 2] === '{' ? p.slice(i + 3, p.indexOf('}', i)) : p.slice(i + 2, i + 4);
        const len = p[i + 2] === '{' ? hex.length + 4 : 4;
        lo = String.fromCharCode(parseInt(hex, 16));
        loEsc = `\\u${parseInt(hex, 16).toString(16).padStart(4, '0')}`;
        i += len;
      } else if (/[dDwWsS]/.test(e)) {
        items.push(`\\${e}`);
        i += 2;
        continue;
      } else {
        const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };
        lo = map[e] ?? e;
        loEsc = map[e] !== undefined ? `\\${e}` : classChar(e);
        i += 2;
      }
    } else {
      lo = p[i] ?? '';
      loEsc = classChar(lo);
      i++;
    }
    if (p[i] === '-' && p[i + 1] !== ']' && i + 1 < p.length) {
      let hi = p[i + 1] ?? '';
      let hiEsc = classChar(hi);
      i += 2;
      if (hi === '\\') {
        const e = p[i] ?? '';
        hi = e;
        hiEsc = classChar(e);
        i++;
      }
      items.push(`${loEsc}-${hiEsc}`);
      if (ci) {
        // the other case of every letter inside the range
        const a = Math.max(lo.charCodeAt(0), 65);
        const b = Math.min(hi.charCodeAt(0), 122);
        for (const [x, y, delta] of [[65, 90, 32], [97, 122, -32]] as const) {
          const s = Math.max(a, x);
          const t = Math.min(b, y);
          if (s <= t) extra.push(`${String.fromCharCode(s + delta)}-${String.fromCharCode(t + delta)}`);
        }
      }
    } else {
      items.push(loEsc);
      if (ci && isLetter(lo)) extra.push(otherCase(lo));
    }
  }
  if (p[i] !== ']') throw new UnsupportedRegex('unterminated character class');
  return { text: `[${negated ? '^' : ''}${items.join('')}${extra.join('')}]`, next: i + 1 };
}

/** Whether the pattern is case-insensitive everywhere: a leading (?i) and no way to turn it off. */
const wholeCaseInsensitive = (p: string): boolean => p.startsWith('(?i)') && !/\(\?[a-z]*-[a-z]*[i]/.test(p);

/** Translate a Go regex into a JavaScript source that matches the same strings. */
export function translateRe2(pattern: string): TranslatedRegex {
  let p = pattern;
  let flags = '';
  const globalI = wholeCaseInsensitive(p);
  if (globalI) {
    p = p.slice(4);
    flags += 'i';
  }
  const out: string[] = [];
  const stack: Flags[] = [];
  let cur: Flags = { i: globalI, s: false, m: false };
  let i = 0;
  while (i < p.length) {
    const c = p[i] ?? '';
    if (c === '\\') {
      const e = p[i + 1] ?? '';
      if (e === 'z') out.push('(?![\\s\\S])');
      else if (e === 'A') out.push('(?<![\\s\\S])');
      else if (e === 'p' || e === 'P') throw new UnsupportedRegex('Unicode classes (\\p) are not supported');
      else if (e === 'Q') {
        const end = p.indexOf('\\E', i + 2);
        const lit = p.slice(i + 2, end < 0 ? p.length : end);
        for (const ch of lit) out.push(cur.i && isLetter(ch) ? `[${ch}${otherCase(ch)}]` : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
        i = end < 0 ? p.length : end + 2;
        continue;
      } else if (e === 'x' && p[i + 2] === '{') {
        const end = p.indexOf('}', i);
        out.push(`\\u${parseInt(p.slice(i + 3, end), 16).toString(16).padStart(4, '0')}`);
        i = end + 1;
        continue;
      } else if (e === 'x') {
        out.push(p.slice(i, i + 4));
        i += 4;
        continue;
      } else if (cur.i && isLetter(e) && !/[bBdDwWsSnrtfv]/.test(e)) out.push(`[${e}${otherCase(e)}]`);
      else out.push(`\\${e}`);
      i += 2;
      continue;
    }
    if (c === '[') {
      const cls = translateClass(p, i + 1, cur.i && !globalI);
      out.push(cls.text);
      i = cls.next;
      continue;
    }
    if (c === '(') {
      if (p[i + 1] !== '?') {
        stack.push(cur);
        out.push('(');
        i++;
        continue;
      }
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(p.slice(i));
      if (named) {
        stack.push(cur);
        out.push(`(?<${named[1]}>`);
        i += named[0].length;
        continue;
      }
      const flagGroup = /^\(\?([a-zA-Z-]*)(:|\))/.exec(p.slice(i));
      if (!flagGroup) throw new UnsupportedRegex(`group syntax at ${i} is not supported`);
      const next = applyFlagString(flagGroup[1] ?? '', cur);
      if (globalI && !next.i) throw new UnsupportedRegex('(?-i) inside a case-insensitive pattern');
      if (flagGroup[2] === ')') cur = next; // (?i) to the end of the enclosing group
      else {
        stack.push(cur);
        cur = next;
        out.push('(?:');
      }
      i += flagGroup[0].length;
      continue;
    }
    if (c === ')') {
      cur = stack.pop() ?? cur;
      out.push(')');
      i++;
      continue;
    }
    if (c === '.') out.push(cur.s ? '[\\s\\S]' : '[^\\n]');
    else if (c === '$') out.push(cur.m ? '(?=\\n|(?![\\s\\S]))' : '(?![\\s\\S])');
    else if (c === '^') out.push(cur.m ? '(?<=\\n|^)' : '(?<![\\s\\S])');
    else if (c === '/') out.push('\\/');
    else if (cur.i && !globalI && isLetter(c)) out.push(`[${c}${otherCase(c)}]`);
    else out.push(c);
    i++;
  }
  const source = out.join('');
  try {
    new RegExp(source, `${flags}gd`);
  } catch (e) {
    throw new UnsupportedRegex(`JavaScript refuses the translation: ${(e as Error).message}`);
  }
  return { source, flags };
}

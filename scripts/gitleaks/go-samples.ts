// Reads gitleaks' rule generator files (cmd/generate/config/rules/*.go) and evaluates the true / false positive
// samples each rule function hands to utils.Validate (cmd/generate/config/utils/validate.go). The samples are
// Go expressions: string literals, `+`, fmt.Sprintf, append, []string{...}, map literals, and
// secrets.NewSecret(pattern), which draws a random string matching a regex (cmd/generate/secrets/regen.go).
// This is a small evaluator for exactly those forms, not a Go interpreter: a statement it cannot evaluate is
// skipped and reported, and NewSecret draws from a seeded generator so the corpus is the same on every run.
import RandExp from 'randexp';
import { translateRe2 } from '../../src/redact/gitleaks/re2.js';

/** One evaluated string and whether any part of it came from the random generator. */
export interface GoString {
  s: string;
  generated: boolean;
}

type Value = GoString | GoString[] | Map<string, GoString> | number | undefined;

/** The samples of one rule function. */
export interface RuleSamples {
  ruleId: string;
  fn: string;
  tps: GoString[];
  fps: GoString[];
  /** Statements or elements the evaluator could not evaluate (so samples may be missing). */
  skipped: string[];
}

// ---------------------------------------------------------------- lexer

type Tok = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'p'; v: string } | { t: 'nl' };

function unquote(raw: string): string {
  return JSON.parse(
    raw
      .replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')
      .replace(/\\'/g, "'")
      .replace(/\\([0-7]{3})/g, (_, o: string) => `\\u${parseInt(o, 8).toString(16).padStart(4, '0')}`),
  ) as string;
}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '\n') {
      toks.push({ t: 'nl' });
      i++;
    } else if (/\s/.test(c)) i++;
    else if (src.startsWith('//', i)) {
      const e = src.indexOf('\n', i);
      i = e < 0 ? src.length : e;
    } else if (src.startsWith('/*', i)) i = src.indexOf('*/', i) + 2;
    else if (c === '`') {
      const e = src.indexOf('`', i + 1);
      toks.push({ t: 'str', v: src.slice(i + 1, e).replace(/\r/g, '') });
      i = e + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      toks.push({ t: 'str', v: unquote(src.slice(i, j + 1)) });
      i = j + 1;
    } else if (c === "'") {
      let j = i + 1;
      while (src[j] !== "'") j += src[j] === '\\' ? 2 : 1;
      toks.push({ t: 'num', v: unquote(`"${src.slice(i + 1, j)}"`).charCodeAt(0) });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(src.slice(i)) as RegExpExecArray;
      toks.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      toks.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else {
      const p = ['...', ':=', '+=', '==', '!=', '&&', '||'].find((x) => src.startsWith(x, i)) ?? c;
      toks.push({ t: 'p', v: p });
      i += p.length;
    }
  }
  return toks;
}

// ---------------------------------------------------------------- evaluator

class Unsupported extends Error {}

/** A seeded PRNG (mulberry32), so generated samples are the same on every refresh. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATTERNS: Record<string, (size: string) => string> = {
  // cmd/generate/config/utils/patterns.go
  Numeric: (n) => `[0-9]{${n}}`,
  Hex: (n) => `[a-f0-9]{${n}}`,
  AlphaNumeric: (n) => `[a-z0-9]{${n}}`,
  AlphaNumericExtendedShort: (n) => `[a-z0-9_-]{${n}}`,
  AlphaNumericExtended: (n) => `[a-z0-9=_\\-]{${n}}`,
  AlphaNumericExtendedLong: (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
  Hex8_4_4_4_12: () => '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
};

export interface EvalEnv {
  /** The sample templates of utils.GenerateSampleSecrets, in source order ({i}, {I}, {s} placeholders). */
  sampleTemplates: string[];
  random: () => number;
}

const str = (s: string, generated = false): GoString => ({ s, generated });
const asStr = (v: Value): GoString => {
  if (v && typeof v === 'object' && 's' in v) return v;
  if (typeof v === 'number') return str(String(v));
  throw new Unsupported('expected a string');
};
const asList = (v: Value): GoString[] => {
  if (Array.isArray(v)) return v;
  if (v instanceof Map) return [...v.values()];
  throw new Unsupported('expected a list');
};

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly vars: Map<string, Value>,
    private readonly env: EvalEnv,
  ) {}

  private peek(k = 0): Tok | undefined {
    let j = this.i;
    let n = k;
    for (;;) {
      while (this.toks[j]?.t === 'nl') j++;
      if (n-- === 0) return this.toks[j];
      j++;
    }
  }
  private next(): Tok {
    while (this.toks[this.i]?.t === 'nl') this.i++;
    const t = this.toks[this.i++];
    if (!t) throw new Unsupported('unexpected end');
    return t;
  }
  private eat(v: string): void {
    const t = this.next();
    if (t.t !== 'p' || t.v !== v) throw new Unsupported(`expected ${v}`);
  }
  private isP(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.t === 'p' && t.v === v;
  }

  expr(): Value {
    let v = this.unary();
    while (this.isP('+')) {
      this.next();
      const r = this.unary();
      if (typeof v === 'number' && typeof r === 'number') v = v + r;
      else {
        const a = asStr(v);
        const b = asStr(r);
        v = str(a.s + b.s, a.generated || b.generated);
      }
    }
    return v;
  }

  private args(): Array<{ v: Value; spread: boolean }> {
    this.eat('(');
    const out: Array<{ v: Value; spread: boolean }> = [];
    while (!this.isP(')')) {
      const v = this.expr();
      const spread = this.isP('...');
      if (spread) this.next();
      out.push({ v, spread });
      if (this.isP(',')) this.next();
    }
    this.eat(')');
    return out;
  }

  private composite(): Value {
    // after the type: { elems }
    this.eat('{');
    const items: GoString[] = [];
    const map = new Map<string, GoString>();
    let isMap = false;
    while (!this.isP('}')) {
      const v = this.expr();
      if (this.isP(':')) {
        this.next();
        isMap = true;
        map.set(asStr(v).s, asStr(this.expr()));
      } else items.push(asStr(v));
      if (this.isP(',')) this.next();
    }
    this.eat('}');
    return isMap ? map : items;
  }

  private unary(): Value {
    const t = this.next();
    if (t.t === 'str') return str(t.v);
    if (t.t === 'num') return t.v;
    if (t.t === 'p' && t.v === '(') {
      const v = this.expr();
      this.eat(')');
      return v;
    }
    if (t.t === 'p' && t.v === '[') {
      // []string{...} or []byte(x)
      this.eat(']');
      const type = this.next();
      if (type.t === 'id' && type.v === 'byte') {
        const [a] = this.args();
        return a?.v;
      }
      return this.composite();
    }
    if (t.t === 'id' && t.v === 'map') {
      this.eat('[');
      this.next();
      this.eat(']');
      this.next();
      return this.composite();
    }
    if (t.t !== 'id') throw new Unsupported(`unexpected ${JSON.stringify(t)}`);
    let name = t.v;
    while (this.isP('.')) {
      this.next();
      const part = this.next();
      if (part.t !== 'id') throw new Unsupported('bad selector');
      name += `.${part.v}`;
    }
    if (this.isP('(')) return this.call(name, this.args());
    if (!this.vars.has(name)) throw new Unsupported(`unknown name ${name}`);
    return this.vars.get(name);
  }

  private call(name: string, args: Array<{ v: Value; spread: boolean }>): Value {
    const a = (k: number): Value => args[k]?.v;
    const short = name.replace(/^utils\./, '');
    if (name === 'secrets.NewSecret') {
      const r = new RandExp(new RegExp(translateRe2(asStr(a(0)).s).source));
      r.randInt = (lo: number, hi: number) => lo + Math.floor(this.env.random() * (hi - lo + 1));
      r.max = 8;
      return str(r.gen(), true);
    }
    const pattern = PATTERNS[short];
    if (pattern) return str(pattern(args.length ? asStr(a(0)).s : ''), false);
    if (short === 'GenerateSampleSecret') {
      // cmd/generate/config/utils/generate.go: fmt.Sprintf("%s_api_token = \"%s\"", identifier, secret)
      const s = asStr(a(1));
      return str(`${asStr(a(0)).s}_api_token = "${s.s}"`, s.generated);
    }
    if (short === 'GenerateSampleSecrets') {
      const id = asStr(a(0)).s;
      const s = asStr(a(1));
      return this.env.sampleTemplates.map((tpl) =>
        str(tpl.replaceAll('{i}', id).replaceAll('{I}', id.toUpperCase()).replaceAll('{s}', s.s), s.generated),
      );
    }
    if (name === 'fmt.Sprintf') {
      const parts = args.slice(1).map((x) => asStr(x.v));
      let k = 0;
      const s = asStr(a(0)).s.replace(/%[sdvq]/g, () => parts[k++]?.s ?? '');
      return str(s, parts.some((p) => p.generated));
    }
    if (name === 'strings.Repeat') {
      const s = asStr(a(0));
      return str(s.s.repeat(Number(a(1))), s.generated);
    }
    if (name === 'strings.ToUpper' || name === 'strings.ToLower') {
      const s = asStr(a(0));
      return str(name.endsWith('Upper') ? s.s.toUpperCase() : s.s.toLowerCase(), s.generated);
    }
    if (name === 'string') return asStr(a(0));
    if (/^base64\.(Std|RawStd|URL|RawURL)Encoding\.EncodeToString$/.test(name)) {
      const s = asStr(a(0));
      let b = Buffer.from(s.s, 'latin1').toString(name.includes('URL') ? 'base64url' : 'base64');
      if (name.includes('URL') && !name.includes('Raw')) b = b.padEnd(Math.ceil(b.length / 4) * 4, '=');
      if (name.includes('RawStd')) b = b.replace(/=+$/, '');
      return str(b, s.generated);
    }
    if (name === 'append') {
      const out = [...asList(a(0))];
      for (const x of args.slice(1)) {
        if (x.spread) out.push(...asList(x.v));
        else out.push(asStr(x.v));
      }
      return out;
    }
    throw new Unsupported(`call ${name}`);
  }

  /** Run the statements of a function body; returns [tps, fps] of its Validate call. */
  body(skipped: string[]): { tps: GoString[]; fps: GoString[] } | undefined {
    let result: { tps: GoString[]; fps: GoString[] } | undefined;
    while (this.i < this.toks.length) {
      const start = this.i;
      const stmtEnd = this.statementEnd(start);
      try {
        result = this.statement() ?? result;
      } catch (e) {
        const text = this.toks
          .slice(start, stmtEnd)
          .map((t) => ('v' in t ? String(t.v) : ' '))
          .join(' ')
          .slice(0, 80);
        if (!/^\s*(?:r\b|if\b|for\b|[{}()])/.test(text) || /Validate/.test(text)) skipped.push(`${(e as Error).message}: ${text}`);
      }
      this.i = Math.max(this.i, stmtEnd);
    }
    return result;
  }

  /** The index after the statement starting at `from` (a newline at bracket depth 0). */
  private statementEnd(from: number): number {
    let depth = 0;
    for (let j = from; j < this.toks.length; j++) {
      const t = this.toks[j] as Tok;
      if (t.t === 'p' && '([{'.includes(t.v)) depth++;
      else if (t.t === 'p' && ')]}'.includes(t.v)) depth--;
      else if (t.t === 'nl' && depth <= 0 && j > from) return j + 1;
    }
    return this.toks.length;
  }

  private statement(): { tps: GoString[]; fps: GoString[] } | undefined {
    const t = this.peek();
    if (t?.t === 'id' && t.v === 'return') {
      this.next();
      const callee = this.next();
      if (callee.t !== 'id' || callee.v !== 'utils') throw new Unsupported('return without Validate');
      this.eat('.');
      const fn = this.next();
      this.eat('(');
      this.next(); // r
      this.eat(',');
      const tps = this.isP(')') ? [] : this.nilOr();
      if (this.isP(',')) this.next();
      const fps = this.isP(')') ? [] : this.nilOr();
      if (fn.t !== 'id' || !fn.v.startsWith('Validate')) throw new Unsupported('return without Validate');
      return { tps, fps };
    }
    if (t?.t === 'id' && t.v === 'var') {
      this.next();
      if (this.isP('(')) {
        // var ( a = x \n b = y )
        this.next();
        while (!this.isP(')')) {
          const n = this.next();
          this.eat('=');
          if (n.t === 'id') this.vars.set(n.v, this.expr());
        }
        this.next();
        return undefined;
      }
    }
    const name = this.next();
    if (name.t !== 'id') throw new Unsupported('not an assignment');
    const op = this.next();
    if (op.t !== 'p' || (op.v !== ':=' && op.v !== '=')) {
      if (op.t === 'id' && (op.v === 'string' || op.v === '=')) {
        this.eat('=');
      } else throw new Unsupported('not an assignment');
    }
    if (name.v === 'r') throw new Unsupported('rule definition');
    this.vars.set(name.v, this.expr());
    return undefined;
  }

  private nilOr(): GoString[] {
    const t = this.peek();
    if (t?.t === 'id' && t.v === 'nil') {
      this.next();
      return [];
    }
    return asList(this.expr());
  }
}

/** The GenerateSampleSecrets templates, read from its `samples` map literal in generate.go (source order). */
export function sampleTemplates(generateGo: string): string[] {
  const start = generateGo.indexOf('samples := map[string]string{');
  const end = generateGo.indexOf('\n\t}\n', start);
  const toks = lex(generateGo.slice(start + 'samples := '.length, end + 3));
  const p = new Parser(toks, new Map(), { sampleTemplates: [], random: Math.random });
  const m = p.expr();
  if (!(m instanceof Map) || m.size === 0) throw new Error('generate.go: no GenerateSampleSecrets templates found');
  return [...m.values()].map((v) => v.s);
}

/** Every rule function of one generator file with its evaluated samples. */
export function rulesOfFile(source: string, env: EvalEnv): RuleSamples[] {
  const out: RuleSamples[] = [];
  // package-level `var` declarations (cloudflare.go keeps its samples there)
  const fileVars = new Map<string, Value>();
  const topLevel = source.replace(/^func [\s\S]*?^\}\n/gm, '').replace(/^(?:package|import) [^(\n]*(?:\([\s\S]*?\))?\n/gm, '');
  new Parser(lex(topLevel), fileVars, env).body([]);
  const fnRe = /^func ([A-Za-z0-9_]+)\(\) \*config\.Rule \{\n([\s\S]*?)^\}\n/gm;
  for (const m of source.matchAll(fnRe)) {
    const body = m[2] ?? '';
    const id = /RuleID:\s*"([^"]+)"/.exec(body)?.[1];
    if (!id) continue;
    const skipped: string[] = [];
    const vars = new Map<string, Value>(fileVars);
    // drop the `r := config.Rule{...}` literal: its regexes are read from gitleaks.toml instead
    const withoutRule = body.replace(/^\t(?:r|rule) :?= config\.Rule\{[\s\S]*?^\t\}\n/m, '');
    const parser = new Parser(lex(withoutRule), vars, env);
    const res = parser.body(skipped);
    out.push({ ruleId: id, fn: m[1] ?? '', tps: res?.tps ?? [], fps: res?.fps ?? [], skipped });
  }
  return out;
}

export { prng };

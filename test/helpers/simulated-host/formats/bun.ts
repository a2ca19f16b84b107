// Bun's non-TTY console printing of `console.*(msg, obj)` (facts §1.1): the message and ` {`, one
// `  key: value,` line per property, `}` at column 0; strings double-quoted, arrays inline, nested objects
// indented, `{}` for an empty object, and Error values as a code frame, caret, `error: <message>`,
// property lines, `at …` stack lines and a lone `,`.

/** An Error as it sits inside a logged object; built by bunErrorValue. */
export class BunErrorValue {
  constructor(
    readonly message: string,
    readonly frame: { line: number; source: string; caretColumn: number },
    readonly props: Record<string, unknown>,
    readonly stack: string[],
  ) {}
}

/** An Error inside a logged object (prompt failures, Redis errors, OTEL timeouts print this way). */
export function bunErrorValue(
  message: string,
  opts: { frameLine?: number; source?: string; caretColumn?: number; props?: Record<string, unknown>; stack?: string[] } = {},
): BunErrorValue {
  return new BunErrorValue(
    message,
    {
      line: opts.frameLine ?? 12,
      source: opts.source ?? '      throw new Error(message);',
      caretColumn: opts.caretColumn ?? 16,
    },
    opts.props ?? {},
    opts.stack ?? ['at prompt (/Users/joel/.bun/install/cache/@mariozechner/pi-coding-agent@0.70.2/dist/core/agent-session.js:907:19)'],
  );
}

const pad = (depth: number) => '  '.repeat(depth);

/** Bun quotes strings with double quotes and escapes like JSON. */
const str = (s: string) => JSON.stringify(s);

function inline(value: unknown): string {
  if (typeof value === 'string') return str(value);
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[ ${value.map(inline).join(', ')} ]`;
  const entries = Object.entries(value);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${k}: ${inline(v)}`).join(', ')} }`;
}

function errorLines(e: BunErrorValue, depth: number): string[] {
  const prefix = `${e.frame.line} | `;
  return [
    `${prefix}${e.frame.source}`,
    `${' '.repeat(prefix.length + e.frame.caretColumn)}^`,
    `error: ${e.message}`,
    ...Object.entries(e.props).map(([k, v]) => `${pad(depth)}${k}: ${inline(v)},`),
    ...e.stack.map((s) => `      ${s}`),
    ',',
  ];
}

function propertyLines(obj: object, depth: number): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (value instanceof BunErrorValue) {
      const [first, ...rest] = errorLines(value, depth + 1);
      out.push(`${pad(depth)}${key}: ${first}`, ...rest);
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
      out.push(`${pad(depth)}${key}: {`, ...propertyLines(value, depth + 1), `${pad(depth)}},`);
    } else out.push(`${pad(depth)}${key}: ${inline(value)},`);
  }
  return out;
}

/** One console call as bun prints it: `message` alone, or `message {` … `}` over several lines. */
export function bunRecord(message: string, obj?: object): string {
  if (obj === undefined) return message;
  if (Object.keys(obj).length === 0) return `${message} {}`;
  return [`${message} {`, ...propertyLines(obj, 1), '}'].join('\n');
}

/** A log file from records, newline-terminated as the daemon leaves it. */
export function bunLog(records: readonly string[]): string {
  return records.length === 0 ? '' : `${records.join('\n')}\n`;
}

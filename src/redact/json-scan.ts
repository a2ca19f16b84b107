import { isSecretEnvName, isSecretKey } from './names.js';

// A lexer over JSON text that is already known to parse. It reports every value token with its byte range and
// whether it sits under a secret-looking key, so redaction edits the original text in place: formatting, key
// order and number spelling stay byte-for-byte, and only redacted strings are re-encoded.

/** One scalar value of the document. */
export interface JsonValueToken {
  /** [start, end) of the token, quotes included for strings. */
  start: number;
  end: number;
  isString: boolean;
  /** Under a secret-looking key, inside a container under one, or the `value` of a `{name: SECRET_NAME}` pair. */
  secret: boolean;
}

interface Frame {
  isObject: boolean;
  secret: boolean;
  key: string | null;
  expectKey: boolean;
  /** Position of the current element in an array. */
  index: number;
  /** The container value itself, for sibling lookups ({name, value} env pairs). */
  node: unknown;
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** End (exclusive) of the string literal opening at `i`. */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j += 2;
    else if (c === 0x22 || Number.isNaN(c)) return j + 1;
    else j++;
  }
}

const decodeKey = (raw: string): string => (raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1));

/** Whether the value now being read under `frame` is secret. */
function valueIsSecret(frame: Frame | undefined): boolean {
  if (!frame) return false;
  if (frame.secret) return true;
  if (!frame.isObject || frame.key === null) return false;
  if (isSecretKey(frame.key)) return true;
  // k8s env entries and similar: {"name": "TELEGRAM_BOT_TOKEN", "value": "..."}
  if (frame.key === 'value' || frame.key === 'Value') {
    const name = (frame.node as Record<string, unknown>).name ?? (frame.node as Record<string, unknown>).Name;
    return typeof name === 'string' && isSecretEnvName(name);
  }
  return false;
}

/** Visit every scalar value of `text`, whose parse is `parsed` (JSON.parse(text)). */
export function scanJsonValues(text: string, parsed: unknown, visit: (t: JsonValueToken) => void): void {
  const stack: Frame[] = [];
  let top: Frame | undefined;
  const childNode = (): unknown => {
    if (!top) return parsed;
    const n = top.node as Record<string, unknown> | unknown[];
    return top.isObject ? (n as Record<string, unknown>)[top.key ?? ''] : (n as unknown[])[top.index];
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWs(c) || c === 0x3a) {
      i++;
    } else if (c === 0x7b || c === 0x5b) {
      const frame: Frame = { isObject: c === 0x7b, secret: valueIsSecret(top), key: null, expectKey: c === 0x7b, node: childNode(), index: 0 };
      stack.push(frame);
      top = frame;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      top = stack[stack.length - 1];
      i++;
    } else if (c === 0x2c) {
      if (top?.isObject) top.expectKey = true;
      else if (top) top.index++;
      i++;
    } else if (c === 0x22) {
      const end = stringEnd(text, i);
      if (top?.isObject && top.expectKey) {
        top.key = decodeKey(text.slice(i, end));
        top.expectKey = false;
      } else {
        visit({ start: i, end, isString: true, secret: valueIsSecret(top) });
      }
      i = end;
    } else {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x2c || d === 0x7d || d === 0x5d || isWs(d)) break;
        j++;
      }
      visit({ start: i, end: j, isString: false, secret: valueIsSecret(top) });
      i = j;
    }
  }
}

/** JSON.parse, or undefined when the text is not JSON. */
export function tryParse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

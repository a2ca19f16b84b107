import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ThrowerId } from '../bun/throwers.js';

// gateway.log and gateway.err are what Bun prints for the daemon's console calls (facts §1.1): console.log
// goes to stdout (gateway.log), console.warn and console.error to stderr (gateway.err). The text of every
// call comes from real Bun (the pinned `bun` devDependency) running bun/render.ts: presets' calls are in the
// committed bun/console-corpus.json (`npm run formats` regenerates it, a test re-runs Bun and compares),
// and a call the corpus lacks is rendered by Bun on the spot.

export type ConsoleMethod = 'log' | 'warn' | 'error';

/** An Error value inside a logged object, built by a stand-in of its real thrower (bun/throwers.ts). */
export class BunErrorValue {
  constructor(
    readonly message: string,
    readonly thrower: ThrowerId,
    readonly props: Record<string, unknown>,
  ) {}
}

/**
 * An Error as the daemon logs it: prompt failures are pi's (the default), Redis errors ioredis', Telegram's
 * grammY's. `props` become own properties (code, errno, …), which Bun prints under the message.
 */
export function bunErrorValue(message: string, opts: { thrower?: ThrowerId; props?: Record<string, unknown> } = {}): BunErrorValue {
  return new BunErrorValue(message, opts.thrower ?? 'pi-prompt', opts.props ?? {});
}

/** One console call, encoded for bun/render.ts (and as the corpus key). */
export interface ConsoleCall {
  method: ConsoleMethod;
  args: unknown[];
}

function encode(v: unknown): unknown {
  if (v instanceof BunErrorValue) return { $error: { thrower: v.thrower, message: v.message, props: encode(v.props) } };
  if (v === undefined) return { $undefined: true };
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}

const HERE = new URL('.', import.meta.url);
const BUN = fileURLToPath(new URL('../../../../node_modules/bun/bin/bun.exe', HERE));
const RENDER = fileURLToPath(new URL('../bun/render.ts', HERE));
export const CORPUS_PATH = fileURLToPath(new URL('../bun/console-corpus.json', HERE));

/** The committed corpus: what Bun printed for each call, by the call's JSON. */
export interface Corpus {
  bun: string;
  records: Array<{ call: ConsoleCall; text: string }>;
}

/** The corpus key of a call. */
export const callKey = (call: ConsoleCall): string => JSON.stringify(call);
const key = callKey;

function loadCorpus(): Map<string, string> {
  try {
    const c = JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as Corpus;
    return new Map(c.records.map((r) => [key(r.call), r.text]));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
}

const corpus = loadCorpus();
/** Whether the committed corpus holds the call. */
export const inCorpus = (call: ConsoleCall): boolean => corpus.has(key(call));
/** Calls rendered this process, corpus or live, and the method that printed each record when one was named. */
const rendered = new Map<string, string>();
const methodOfRecord = new Map<string, ConsoleMethod>();

/** The installed Bun's version (the corpus records it). */
export const bunVersion = (): string => spawnSync(BUN, ['--version'], { encoding: 'utf8' }).stdout.trim();

/**
 * Runs real Bun on the calls in one process and returns what it printed for each, without the trailing
 * newline: the scratch root of the stand-in modules is cut from paths, so they read as the Mac's.
 */
export function renderWithBun(calls: readonly ConsoleCall[]): string[] {
  if (calls.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'gwbundle-bun-'));
  try {
    const callsFile = join(dir, 'calls.json');
    const root = join(dir, 'root');
    writeFileSync(callsFile, JSON.stringify(calls));
    // A clean environment: no colors, no transpiler cache or anything else under the user's home.
    const env = { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', DO_NOT_TRACK: '1' };
    const r = spawnSync(BUN, [RENDER, callsFile, root], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`bun render failed (${r.status ?? r.signal}): ${r.error?.message ?? r.stderr.slice(0, 2000)}`);
    const out: string[] = new Array(calls.length);
    for (const stream of [r.stdout, r.stderr]) {
      const parts = stream.replaceAll(root, '').split(/^\x1e(\d+)\n/m);
      for (let i = 1; i < parts.length; i += 2) out[Number(parts[i])] = (parts[i + 1] ?? '').replace(/\n$/, '');
    }
    const lost = out.findIndex((t) => t === undefined);
    if (lost >= 0) throw new Error(`bun render: no output for call ${lost}`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** While set, calls are only recorded (their text is a placeholder): how `npm run formats` finds them. */
let collecting: ConsoleCall[] | null = null;

/** The console calls `build` makes, without rendering any (for writing the corpus). */
export function collectConsoleCalls(build: () => void): ConsoleCall[] {
  collecting = [];
  try {
    build();
    return collecting;
  } finally {
    collecting = null;
  }
}

function render(method: ConsoleMethod, args: unknown[], named: boolean): string {
  const call: ConsoleCall = { method, args: args.map(encode) };
  const k = key(call);
  if (collecting) {
    collecting.push(call);
    return k;
  }
  // a call the corpus lacks (not a preset's) is printed by Bun on the spot
  const text = rendered.get(k) ?? corpus.get(k) ?? renderWithBun([call])[0]!;
  rendered.set(k, text);
  if (named) methodOfRecord.set(text, method);
  return text;
}

/** What Bun prints for `console[method](...args)`, without the trailing newline. */
export const bunConsole = (method: ConsoleMethod, ...args: unknown[]): string => render(method, args, true);

/**
 * One daemon console call as Bun prints it: `console[method](message, obj)`, or the message alone (a lone
 * string prints verbatim, newlines included). Name the daemon's method (warn or error for gateway.err
 * records): Bun prints an object the same for all three, and tests check a named method against the file
 * the record is put in.
 */
export function bunRecord(message: string, obj?: object, method?: ConsoleMethod): string {
  return obj === undefined ? message : render(method ?? 'log', [message, obj], method !== undefined);
}

/** The console method that printed a record built here (undefined for a lone string). */
export const bunMethodOf = (record: string): ConsoleMethod | undefined => methodOfRecord.get(record);

/** A log file from records, newline-terminated as the daemon leaves it. */
export function bunLog(records: readonly string[]): string {
  return records.length === 0 ? '' : `${records.join('\n')}\n`;
}

// Run by real Bun (never by Node): replays console calls the way the daemon makes them and lets Bun print
// them. Usage: bun render.ts <calls.json> <scratch-root>. calls.json is `[{method, args}]` with Error values
// encoded as {$error: {thrower, message, props}} and undefined as {$undefined: true} (see formats/bun.ts).
// Before each call a marker line `\x1e<index>` goes to the same stream, so the caller can cut the output
// into one record per call. console.log writes stdout, console.warn and console.error write stderr.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { callerSource, THROWERS, type ThrowerId } from './throwers.js';

type Method = 'log' | 'warn' | 'error';
interface Call {
  method: Method;
  args: unknown[];
}

const [callsFile, root] = process.argv.slice(2) as [string, string];
const calls = JSON.parse(readFileSync(callsFile, 'utf8')) as Call[];

// A thrower frame and the frame of its caller: the `at` lines a real stack starts with. Calls are made
// synchronously below, so no async frames of this script are appended.
Error.stackTraceLimit = 2;

async function load(path: string, source: string): Promise<Record<string, (...args: unknown[]) => unknown>> {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)) as Record<string, (...args: unknown[]) => unknown>;
}

// Every stand-in is written and imported before the first call; callers sharing a module share its file.
const callerNames = new Map<string, Set<string>>();
for (const t of Object.values(THROWERS)) callerNames.set(t.caller.path, (callerNames.get(t.caller.path) ?? new Set()).add(t.caller.name));
const callers = new Map<string, Record<string, (...args: unknown[]) => unknown>>();
for (const [path, names] of callerNames) callers.set(path, await load(path, callerSource([...names])));
const makers = new Map<string, (message: string) => unknown>();
for (const [id, t] of Object.entries(THROWERS)) {
  const create = (await load(t.path, t.source)).default!;
  const call = callers.get(t.caller.path)![t.caller.name]!;
  makers.set(id, (message: string) => call(create, message));
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (o.$undefined === true) return undefined;
  if (o.$error) {
    const e = o.$error as { thrower: ThrowerId; message: string; props?: Record<string, unknown> };
    const make = makers.get(e.thrower);
    if (!make) throw new Error(`render: unknown thrower ${e.thrower}`);
    return Object.assign(make(e.message) as Error, decode(e.props ?? {}) as object);
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
}

function replay(): void {
  for (const [i, c] of calls.entries()) {
    const args = decode(c.args) as unknown[];
    if (c.method === 'log') console.log(`\x1e${i}`);
    else console.error(`\x1e${i}`);
    console[c.method](...args);
  }
}
replay();

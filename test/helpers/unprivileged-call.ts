import { pathToFileURL } from 'node:url';

// Child of callUnprivileged (unprivileged.ts): node --import tsx unprivileged-call.ts MODULE EXPORT JSON_ARGS.
// Prints {"value": ...} or {"error": {name, message}} as one JSON document.

const [modulePath, exportName, json] = process.argv.slice(2);
if (!modulePath || !exportName || json === undefined) throw new Error('usage: unprivileged-call.ts MODULE EXPORT JSON_ARGS');
const mod = (await import(pathToFileURL(modulePath).href)) as Record<string, (...args: unknown[]) => unknown>;
const fn = mod[exportName];
if (typeof fn !== 'function') throw new Error(`${modulePath} exports no function ${exportName}`);
try {
  process.stdout.write(JSON.stringify({ value: (await fn(...(JSON.parse(json) as unknown[]))) ?? null }));
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  process.stdout.write(JSON.stringify({ error: { name: err.name, message: err.message } }));
}

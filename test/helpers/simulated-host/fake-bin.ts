import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE_COMMANDS, type SimulatedHostSpec } from './spec.js';

// The collector finds launchctl, colima, kubectl... on PATH, so a simulated host is a bin dir of tiny shell
// wrappers around one node script (fake-cmd.mjs); answers live in a JSON file beside it, not in the env.

const FAKE_CMD = fileURLToPath(new URL('./fake-cmd.mjs', import.meta.url));

/** Single-quote a path for /bin/sh (temp dirs have no quotes, but be safe). */
const shQuote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** One recorded invocation of a fake command. */
export interface FakeCall {
  name: string;
  args: string[];
  pid: number;
}

/** Writes `<ctlDir>/answers.json` and one executable per command the spec lists into binDir. */
export async function writeFakeBin(commands: SimulatedHostSpec['commands'], binDir: string, ctlDir: string): Promise<void> {
  await mkdir(binDir, { recursive: true });
  await mkdir(join(ctlDir, 'pids'), { recursive: true });
  await writeFile(join(ctlDir, 'answers.json'), JSON.stringify(commands));
  await writeFile(join(ctlDir, 'calls.jsonl'), '');
  for (const name of FAKE_COMMANDS) {
    if (!commands[name]) continue;
    const script = `#!/bin/sh\nexec ${shQuote(process.execPath)} ${shQuote(FAKE_CMD)} ${shQuote(ctlDir)} ${name} "$@"\n`;
    const path = join(binDir, name);
    await writeFile(path, script);
    await chmod(path, 0o755);
  }
}

/** Every fake command run so far, in order (read-only collection must never call `launchctl kickstart`). */
export async function readFakeCalls(ctlDir: string): Promise<FakeCall[]> {
  const text = await readFile(join(ctlDir, 'calls.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FakeCall);
}

/** Pids of hanging fake commands and their grandchild sleepers, to check none outlived a timeout kill. */
export async function readHangPids(ctlDir: string): Promise<number[]> {
  const dir = join(ctlDir, 'pids');
  const names = await readdir(dir).catch(() => [] as string[]);
  const pids: number[] = [];
  for (const n of names) {
    const text = await readFile(join(dir, n), 'utf8').catch(() => '');
    for (const l of text.split('\n')) if (/^\d+$/.test(l)) pids.push(Number(l));
  }
  return pids;
}

/** True when a pid still runs (tests only: the collector itself never probes pids). A zombie is dead: an
 * orphan killed in a container may wait unreaped under a pid 1 that never calls wait(). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) succeeding is the answer
  }
}

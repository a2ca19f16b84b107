import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDir } from './craft.js';

// A writer killed mid-pack must never leave a partial bundle under the name the user asked for; when it can
// react (SIGINT, SIGTERM) it also removes its temp file and staging dir.

const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
const script = join(import.meta.dirname, 'fixtures', 'write-big.ts');
const isTemp = (name: string): boolean => /^\.out\.tar\.gz\.tmp-[0-9a-f]+$/.test(name);
const stagingDirs = (root: string): string[] => readdirSync(root).filter((n) => n.startsWith('gwbundle-stage-'));

interface MidPack {
  child: ChildProcess;
  outDir: string;
  stageRoot: string;
  exited: Promise<NodeJS.Signals | number | null>;
}

/** Starts a writer child with its own out dir and TMPDIR, and resolves once it reports it is packing. */
async function writerMidPack(name: string): Promise<MidPack> {
  const outDir = join(dir, name, 'out');
  const stageRoot = join(dir, name, 'tmp');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(stageRoot, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', script, join(outDir, 'out.tar.gz')], {
    cwd: process.cwd(),
    env: { ...process.env, TMPDIR: stageRoot },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('packing\n')) resolve();
    });
    void exited.then((how) => reject(new Error(`writer child ended (${String(how)}) before packing: ${output}`)));
  });
  return { child, outDir, stageRoot, exited };
}

describe('writeBundle interrupted mid-pack', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('removes its temp file and staging dir on %s and dies of that signal', async (signal) => {
    const { child, outDir, stageRoot, exited } = await writerMidPack(signal);
    expect(stagingDirs(stageRoot)).toHaveLength(1);
    child.kill(signal);
    expect(await exited).toBe(signal);
    expect(readdirSync(outDir)).toEqual([]);
    expect(stagingDirs(stageRoot)).toEqual([]);
  });

  it('leaves no bundle under the final name when killed with SIGKILL', async () => {
    const { child, outDir, exited } = await writerMidPack('SIGKILL');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(join(outDir, 'out.tar.gz'))).toBe(false);
    // why: SIGKILL cannot be handled, so only the hidden temp file may remain; never anything else
    expect(readdirSync(outDir).every(isTemp)).toBe(true);
  });
});

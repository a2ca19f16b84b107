import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes one /bin/sh script per command into binDir. Each logs its argv to `<binDir>/calls.log`, then runs
 * the given body (builtins only: PATH is just binDir, so real launchctl/ps/colima are never found).
 */
export async function fakeBin(binDir: string, scripts: Record<string, string>): Promise<void> {
  await mkdir(binDir, { recursive: true });
  for (const [name, body] of Object.entries(scripts)) {
    const p = join(binDir, name);
    await writeFile(p, `#!/bin/sh\necho "${name} $*" >> '${join(binDir, 'calls.log')}'\n${body}\n`);
    await chmod(p, 0o755);
  }
}

/** The logged invocations, one `name args...` per line. */
export async function fakeCalls(binDir: string): Promise<string[]> {
  const text = await readFile(join(binDir, 'calls.log'), 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l !== '');
}

/** A heredoc that prints `text` exactly (no trailing newline added beyond the text's own). */
export const printText = (text: string): string => `printf '%s' '${text.replaceAll("'", `'\\''`)}'`;

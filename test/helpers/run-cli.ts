import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (see test/helpers/unprivileged.ts). */
  uid?: number;
  gid?: number;
  /**
   * The process's file-size limit (RLIMIT_FSIZE, `ulimit -f`, in the shell's blocks): a write past it fails with
   * EFBIG the way a full disk fails with ENOSPC, and it binds root too. SIGXFSZ is ignored so the write fails
   * instead of killing the process.
   */
  fileSizeLimitBlocks?: number;
}

/** Runs the real CLI (src/cli.ts through tsx) as a user would, with its own environment. */
export function runCli(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  const node = [process.execPath, '--import', 'tsx', join(ROOT, 'src', 'cli.ts'), ...args];
  const [file, ...argv] =
    opts.fileSizeLimitBlocks === undefined
      ? node
      : ['/bin/sh', '-c', `trap '' XFSZ; ulimit -f ${opts.fileSizeLimitBlocks} && exec "$@"`, 'sh', ...node];
  return new Promise((resolve) => {
    execFile(
      file!,
      argv,
      {
        cwd: opts.cwd ?? ROOT,
        env: { ...process.env, NO_COLOR: '1', ...opts.env },
        maxBuffer: 64 << 20,
        ...(opts.uid === undefined ? {} : { uid: opts.uid }),
        ...(opts.gid === undefined ? {} : { gid: opts.gid }),
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

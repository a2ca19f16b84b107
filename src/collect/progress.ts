// Progress on stderr (stdout carries only the bundle path). On an interactive terminal one live line is
// rewritten in place; in CI, pipes and logs every step is one plain line: `[gwbundle] redis: ok (1.2s)`.
// Warnings always get a line of their own, so `--no-redact`'s warning is never overwritten, and so does the
// summary `done` leaves: on a terminal the live line is erased, and the summary is what remains.

export interface ProgressReporter {
  /** Report one step; safe to pass around unbound. */
  update(message: string): void;
  /** Finish: clear the live line, then leave `summary` (when given) as a line of its own. */
  done(summary?: string): void;
}

interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const PREFIX = '[gwbundle]';
const WARNING_RE = /^(warning|WARNING)\b/;

/** Live line only on a TTY outside CI; colour only when NO_COLOR is unset. */
export function progressMode(stream: ProgressStream, env: NodeJS.ProcessEnv): { live: boolean; color: boolean } {
  const live = Boolean(stream.isTTY) && !env.CI;
  return { live, color: live && (env.NO_COLOR === undefined || env.NO_COLOR === '') };
}

/** A reporter writing to `stream` (process.stderr in the CLI). */
export function createProgress(stream: ProgressStream, env: NodeJS.ProcessEnv): ProgressReporter {
  const { live, color } = progressMode(stream, env);
  const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[22m` : s);
  const yellow = (s: string) => (color ? `\u001b[33m${s}\u001b[39m` : s);
  let showing = false;
  const clear = () => {
    if (showing) stream.write('\r\u001b[2K');
    showing = false;
  };
  const update = (message: string) => {
    const line = message.split('\n')[0] ?? '';
    if (!live) {
      stream.write(`${PREFIX} ${line}\n`);
      return;
    }
    clear();
    if (WARNING_RE.test(line)) {
      stream.write(`${dim(PREFIX)} ${yellow(line)}\n`);
      return;
    }
    const width = Math.max(20, (stream.columns ?? 80) - PREFIX.length - 2);
    stream.write(`${dim(PREFIX)} ${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    showing = true;
  };
  const done = (summary?: string) => {
    clear();
    if (summary !== undefined) stream.write(`${live ? dim(PREFIX) : PREFIX} ${summary}\n`);
  };
  return { update, done };
}

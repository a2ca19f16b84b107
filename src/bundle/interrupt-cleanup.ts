// A signal while a bundle is being written must not leave a half-written temp file or a staging dir behind.
// Handlers exist only for the duration of one write, so importing the writer changes nothing process-wide.

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Runs `cleanup` (synchronous: the process is about to die) on SIGINT/SIGTERM, then re-raises the signal so the
 * process ends as it would have. Returns the function that removes the handlers.
 */
export function cleanupOnInterrupt(cleanup: () => void): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    dispose();
    try {
      cleanup();
    } finally {
      // why: with our handler gone, the default action (or the CLI's own handler) sees the signal again
      process.kill(process.pid, signal);
    }
  };
  const dispose = (): void => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return dispose;
}

// Commands run detached (their own process group) so a timeout can kill grandchildren too; the price is that
// Ctrl-C and execa's exit cleanup no longer reach them (dependency-notes §3). This registry of live pgids is
// killed from our own exit/SIGINT/SIGTERM handlers so an interrupted collect never leaves children behind.

const livePgids = new Set<number>();
let handlersInstalled = false;

/** Send a signal to a whole process group; a group that is already gone is not an error. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: every member already exited.
  }
}

function killAll(): void {
  for (const pgid of livePgids) killGroup(pgid, 'SIGKILL');
  livePgids.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  process.removeListener(signal, onSignal);
  // Another listener (the CLI) decides what the signal means; alone, restore the default: die by it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAll);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Track a live child group until it ends. */
export function trackGroup(pgid: number): void {
  installHandlers();
  livePgids.add(pgid);
}

/** Forget a group whose leader has exited (its stragglers were killed with it). */
export function untrackGroup(pgid: number): void {
  livePgids.delete(pgid);
}

/** How many groups are live now (tests check nothing leaks). */
export function liveGroupCount(): number {
  return livePgids.size;
}

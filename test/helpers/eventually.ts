// Polling for something another process does (a fake command starting, a killed group going away): the bound
// only keeps a broken fake from hanging the test, and is generous because a loaded machine starts node slowly.

/** Polls `check` every 50 ms until it holds or `boundMs` passes; resolves to its last answer. */
export async function eventually(check: () => Promise<boolean> | boolean, boundMs = 60_000): Promise<boolean> {
  for (const until = Date.now() + boundMs; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    if (await check()) return true;
  }
  return check();
}

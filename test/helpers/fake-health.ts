import { type ServerResponse, createServer } from 'node:http';

// A stand-in for the daemon's /health endpoint (facts §1.3): answers GET /health with the given status
// and body, 404 elsewhere, or (hang) accepts and never answers.

/** Starts on 127.0.0.1 at a kernel-chosen port (or `port`, for reproducible fixture bundles). */
export async function startHealthServer(opts: { status: number; body: string; hang?: boolean; port?: number }): Promise<{
  port: number;
  stop(): Promise<void>;
}> {
  const waiting = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (opts.hang) {
      waiting.add(res);
      return;
    }
    if (req.url !== '/health') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(opts.status, { 'content-type': 'application/json' }).end(opts.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    stop: async () => {
      waiting.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

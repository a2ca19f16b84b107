// Parser for the tripwire file /tmp/joelclaw/last-heartbeat.ts (joelclaw-gateway-facts §1.9): the daemon and
// the slim transport write `export const lastHeartbeatTs = <ms>;`, the legacy pi extension a bare number.

export interface HeartbeatValue {
  /** Epoch milliseconds, or null when the content is neither shape. */
  ts: number | null;
  shape: 'export' | 'bare' | null;
}

// Why: the heartbeat finding shows the written time beside the mtime the tripwire actually judges.
export function parseHeartbeat(text: string): HeartbeatValue {
  const exported = /lastHeartbeatTs\s*=\s*(\d+)/.exec(text);
  if (exported?.[1]) return { ts: Number(exported[1]), shape: 'export' };
  const bare = /^\s*(\d{9,})\s*;?\s*$/.exec(text);
  if (bare?.[1]) return { ts: Number(bare[1]), shape: 'bare' };
  return { ts: null, shape: null };
}

import { artifactSpec } from '../bundle/artifacts.js';
import { LEAK_GATE_RULE, type Redactor } from '../redact/index.js';
import type { StagedArtifact } from './types.js';

// Every string that leaves the machine goes through the redactor: artifact bytes by their content type, and
// the manifest's own strings (stderr, argv, URLs, reasons, facts), since a Redis error message or a curl
// argv can carry a password as easily as a log line can.

export type Counts = Record<string, number>;

/** Add b's counts into a. */
export function addCounts(a: Counts, b: Counts): Counts {
  for (const [rule, n] of Object.entries(b)) a[rule] = (a[rule] ?? 0) + n;
  return a;
}

/** Redact every string inside a JSON-like value (facts), keeping its shape. */
async function redactValue(v: unknown, r: Redactor, counts: Counts): Promise<unknown> {
  if (typeof v === 'string') {
    const out = await r.redactString(v);
    addCounts(counts, out.counts);
    return out.text;
  }
  if (Array.isArray(v)) return Promise.all(v.map((x) => redactValue(x, r, counts)));
  if (v && typeof v === 'object') {
    const entries = await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await redactValue(x, r, counts)] as const));
    return Object.fromEntries(entries);
  }
  return v;
}

/** One artifact redacted, with the replacements made in it by rule id. */
export async function redactStaged(a: StagedArtifact, r: Redactor): Promise<{ artifact: StagedArtifact; counts: Counts }> {
  const counts: Counts = {};
  const str = async (s: string | undefined) => (s === undefined ? undefined : ((await redactValue(s, r, counts)) as string));
  const spec = artifactSpec(a.id);
  let content = a.content;
  if (content !== undefined && content !== '') {
    const out = await r.redactArtifact({ id: a.id, kind: spec?.kind ?? 'file', contentType: spec?.contentType ?? 'text', text: content });
    addCounts(counts, out.counts);
    // fail closed: the last scan before packing (src/redact/leak-gate.ts)
    const gated = r.leakGate(out.text);
    if (gated.count > 0) addCounts(counts, { [LEAK_GATE_RULE]: gated.count });
    content = gated.text;
  }
  const source = {
    ...a.source,
    ...(a.source.argv ? { argv: (await redactValue(a.source.argv, r, counts)) as string[] } : {}),
    ...(a.source.url ? { url: await str(a.source.url) } : {}),
    ...(a.source.key ? { key: await str(a.source.key) } : {}),
  };
  const artifact: StagedArtifact = {
    ...a,
    source,
    ...(content === undefined ? {} : { content }),
    ...(a.stderr === undefined ? {} : { stderr: await str(a.stderr) }),
    ...(a.reason === undefined ? {} : { reason: await str(a.reason) }),
    ...(a.facts === undefined ? {} : { facts: (await redactValue(a.facts, r, counts)) as Record<string, unknown> }),
  };
  return { artifact, counts };
}

/** A Redis URL without its password (the user name stays: it says which ACL user the gateway uses). */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '';
    return u.toString();
  } catch {
    // Not a URL we can parse: drop anything between "//" and "@" to be safe.
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

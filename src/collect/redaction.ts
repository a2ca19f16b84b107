import { artifactSpec } from '../bundle/artifacts.js';
import { LEAK_GATE_RULE, type Redactor } from '../redact/index.js';
import type { StagedArtifact } from './types.js';

// Every string that leaves the machine goes through the redactor: artifact bytes by their content type (a big
// artifact one piece at a time, src/collect/pieces.ts), and the manifest's own strings (stderr, argv, URLs,
// reasons, facts), since a Redis error message or a curl argv can carry a password as easily as a log line.

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

/**
 * An artifact's bytes, piece by piece (the whole content, or each piece of its stream), redacted by content
 * type; the replacements are added to `counts`. With no redactor (--no-redact) the pieces pass unchanged.
 */
export async function* redactedPieces(a: StagedArtifact, r: Redactor | null, counts: Counts): AsyncGenerator<string> {
  const spec = artifactSpec(a.id);
  const pieces: Iterable<string> | AsyncIterable<string> = a.stream ? a.stream.pieces() : a.content === undefined ? [] : [a.content];
  for await (const piece of pieces) {
    if (r === null || piece === '') {
      yield piece;
      continue;
    }
    const out = await r.redactArtifact({ id: a.id, kind: spec?.kind ?? 'file', contentType: spec?.contentType ?? 'text', text: piece });
    addCounts(counts, out.counts);
    // After redaction, before packing, one piece at a time: fail closed with the last scan (src/redact/leak-gate.ts)
    const gated = r.leakGate(out.text);
    if (gated.count > 0) addCounts(counts, { [LEAK_GATE_RULE]: gated.count });
    yield gated.text;
  }
}

/** The artifact's own strings redacted (argv, URL, key, stderr, reason, facts); its bytes are left out. */
export async function redactMeta(a: StagedArtifact, r: Redactor, counts: Counts): Promise<StagedArtifact> {
  const str = async (s: string | undefined) => (s === undefined ? undefined : ((await redactValue(s, r, counts)) as string));
  const { content: _content, stream: _stream, ...meta } = a;
  const source = {
    ...a.source,
    ...(a.source.argv ? { argv: (await redactValue(a.source.argv, r, counts)) as string[] } : {}),
    ...(a.source.url ? { url: await str(a.source.url) } : {}),
    ...(a.source.key ? { key: await str(a.source.key) } : {}),
  };
  return {
    ...meta,
    source,
    ...(a.stderr === undefined ? {} : { stderr: await str(a.stderr) }),
    ...(a.reason === undefined ? {} : { reason: await str(a.reason) }),
    ...(a.facts === undefined ? {} : { facts: (await redactValue(a.facts, r, counts)) as Record<string, unknown> }),
  };
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

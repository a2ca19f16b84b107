import * as plist from 'plist';
import type { PlistValue } from 'plist';
import { fileArtifact } from './tail.js';
import type { StagedArtifact } from '../types.js';

// launchd plists are XML on a stock install but `plutil -convert binary1` or Xcode leave them binary. The
// bundle stores text, so a binary plist is rebuilt as XML (recorded in facts), and the parsed value is
// handed back for discovery of the gateway checkout (WorkingDirectory, ProgramArguments).

/** A plist is tiny; anything past this is not a launchd job description. */
export const PLIST_CAP_BYTES = 256 * 1024;
const BINARY_MAGIC = 'bplist00';

/** The parsed value of a plist's text, or undefined when it does not parse. */
function parseText(text: string): PlistValue | undefined {
  try {
    return plist.parse(text);
  } catch {
    return undefined;
  }
}

/** Read one plist file as a text artifact plus its parsed value (when it parses). */
export async function plistArtifact(
  id: string,
  machinePath: string,
  realPath: string,
): Promise<{ artifact: StagedArtifact; value: PlistValue | undefined }> {
  const artifact = await fileArtifact(id, machinePath, realPath, { capBytes: PLIST_CAP_BYTES, keep: 'head' });
  if (artifact.content === undefined) return { artifact, value: undefined };
  if (artifact.content.startsWith(BINARY_MAGIC)) {
    // Re-read as bytes: the UTF-8 decode of the snapshot mangled the binary form.
    const { readFile } = await import('node:fs/promises');
    try {
      const value = plist.parseBinary(new Uint8Array(await readFile(realPath)));
      const content = plist.build(value);
      return { artifact: { ...artifact, content, facts: { ...artifact.facts, format: 'binary plist, rebuilt as XML' } }, value };
    } catch (e) {
      const reason = `binary plist did not parse: ${(e as Error).message.split('\n')[0]}`;
      return { artifact: { ...artifact, facts: { ...artifact.facts, parseError: reason } }, value: undefined };
    }
  }
  const value = parseText(artifact.content);
  if (value === undefined) return { artifact: { ...artifact, facts: { ...artifact.facts, parseError: 'not a valid XML plist' } }, value };
  return { artifact, value };
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The directories a launchd job points at: WorkingDirectory, and the folders of ProgramArguments[0] / Program. */
export function plistDirs(value: PlistValue | undefined): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Date || value instanceof Uint8Array) {
    return [];
  }
  const dict = value as Record<string, unknown>;
  const args = Array.isArray(dict.ProgramArguments) ? dict.ProgramArguments : [];
  const programs = [asString(args[0]), asString(dict.Program)].filter((p): p is string => p !== undefined && p.startsWith('/'));
  const dirs = [asString(dict.WorkingDirectory), ...programs.map((p) => p.slice(0, p.lastIndexOf('/')) || '/')];
  return [...new Set(dirs.filter((d): d is string => d !== undefined && d.startsWith('/')))];
}

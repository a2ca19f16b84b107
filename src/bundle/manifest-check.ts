import type * as z from 'zod';
import { BundleFormatError } from '../errors.js';
import { MANIFEST_MAJOR, MANIFEST_VERSION, Manifest, entryName, majorOf } from './manifest.js';

// Turns the manifest entry's bytes into a validated Manifest, or one line that says what is wrong: first
// "is this a gwbundle bundle at all", then "can this version be read", then the field-by-field schema.

const SCHEMA_ID = 'gwbundle.manifest';

/** One line for the first zod issue, with its field path (knip style): "artifacts.3.sha256: Invalid string". */
export function zodIssueLine(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown schema error';
  const path = issue.path.map(String).join('.');
  const more = error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : '';
  return `${path ? `${path}: ` : ''}${issue.message}${more}`;
}

/** Cross-field rules zod does not express (unique ids, a path exactly where the id says); the writer checks them too. */
export function consistencyProblem(manifest: Manifest): string | null {
  const seen = new Set<string>();
  for (const [index, artifact] of manifest.artifacts.entries()) {
    if (seen.has(artifact.id)) return `artifacts.${index}.id: duplicate id ${artifact.id}`;
    seen.add(artifact.id);
    if (artifact.path === undefined) {
      if (artifact.sha256 !== undefined) return `artifacts.${index}.sha256: set without a path`;
      continue;
    }
    if (artifact.path !== entryName(artifact.id)) {
      return `artifacts.${index}.path: expected ${entryName(artifact.id)}, got ${JSON.stringify(artifact.path)}`;
    }
    if (artifact.sha256 === undefined) return `artifacts.${index}.sha256: required when path is set`;
  }
  return null;
}

/** True for a 1.x manifest written by a newer gwbundle than this one. */
function newerMinor(version: string): boolean {
  const [, minor] = version.split('.').map((n) => Number.parseInt(n, 10));
  const [, ours] = MANIFEST_VERSION.split('.').map((n) => Number.parseInt(n, 10));
  return minor !== undefined && ours !== undefined && minor > ours;
}

/** A copy of `raw` without the keys zod reported as unrecognized (additive fields of a newer minor). */
function withoutUnknownKeys(raw: unknown, error: z.ZodError): unknown {
  const copy: unknown = structuredClone(raw);
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    let target: unknown = copy;
    for (const key of issue.path) target = (target as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    if (typeof target !== 'object' || target === null) continue;
    for (const key of issue.keys) delete (target as Record<string, unknown>)[key];
  }
  return copy;
}

/** Parses and validates the manifest text; every failure is a one-line BundleFormatError. */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BundleFormatError(`manifest invalid: not JSON (${(error as Error).message})`);
  }
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (record.schema !== SCHEMA_ID) {
    throw new BundleFormatError(`not a gwbundle bundle (manifest schema is ${JSON.stringify(record.schema ?? null)}, expected "${SCHEMA_ID}")`);
  }
  const version = typeof record.manifestVersion === 'string' ? record.manifestVersion : '';
  const major = majorOf(version);
  // why: a future major may change meanings, so reading it "mostly" would be worse than refusing
  if (!Number.isNaN(major) && major !== MANIFEST_MAJOR) {
    throw new BundleFormatError(`unsupported manifest version ${version} (this gwbundle reads ${MANIFEST_MAJOR}.x)`);
  }
  let parsed = Manifest.safeParse(raw);
  if (!parsed.success && newerMinor(version)) {
    // why: a newer minor only adds fields (docs/bundle-format.md "Versioning"); drop what we do not know
    parsed = Manifest.safeParse(withoutUnknownKeys(raw, parsed.error));
  }
  if (!parsed.success) throw new BundleFormatError(`manifest invalid: ${zodIssueLine(parsed.error)}`);
  const problem = consistencyProblem(parsed.data);
  if (problem) throw new BundleFormatError(`manifest invalid: ${problem}`);
  return parsed.data;
}

import type { CommandResult } from './exec.js';
import type { StagedArtifact } from '../types.js';

// A command run becomes an artifact by the bundle's command conventions (docs/architecture.md): stdout is the
// content even when empty; not found is `missing`; killed at the timeout is `timeout` with partial output;
// a non-zero exit is `error` with its output kept as evidence (colima saying it is not running).

/** stderr kept in the manifest entry. */
export const STDERR_CAP_BYTES = 8 * 1024;

/** Cut a string to a byte cap on a character boundary. */
export function capBytes(s: string, max: number): string {
  const b = Buffer.from(s, 'utf8');
  if (b.length <= max) return s;
  return `${b.subarray(0, max).toString('utf8').replace(/\uFFFD$/, '')}\n[… stderr cut at ${max} bytes]`;
}

/** The staged artifact of a command run, following the bundle's command conventions. */
export function commandArtifact(id: string, argv: string[], r: CommandResult): StagedArtifact {
  const source = { argv };
  if (!r.found) return { id, status: 'missing', reason: `command not found: ${argv[0] ?? ''}`, source };
  const bytes = Buffer.byteLength(r.stdout);
  const base: StagedArtifact = {
    id,
    status: 'ok',
    source,
    content: r.stdout,
    bytesAtSource: r.stdoutBytes ?? bytes,
    truncations: [],
    exitCode: r.exitCode,
    signal: r.signal,
    durationMs: r.durationMs,
    stderr: capBytes(r.stderr, STDERR_CAP_BYTES),
  };
  if (r.timedOut) {
    return {
      ...base,
      status: 'timeout',
      reason: `killed after ${Math.round((r.killedAfterMs ?? r.durationMs) / 100) / 10} s`,
      truncations: [{ reason: 'timeout', kept: 'head', bytesCut: 0 }],
    };
  }
  if (r.outputTruncated) {
    const cut = Math.max(0, (r.stdoutBytes ?? bytes) - bytes);
    return {
      ...base,
      status: 'truncated',
      reason: `output over ${bytes} bytes: command stopped`,
      truncations: [{ reason: 'output-cap', kept: 'head', bytesCut: cut }],
    };
  }
  if (r.exitCode !== 0) {
    const why = r.exitCode === null ? `killed by ${r.signal ?? 'a signal'}` : `exit code ${r.exitCode}`;
    return { ...base, status: 'error', reason: why };
  }
  return base;
}

// Typed errors; only src/cli.ts turns them into exit codes (contract: 1 usage/internal, 2 bundle).

/** Bad flags or arguments: exit 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * An output file (`collect -o`, `report --out`, `diff --out`) that already exists, refused the same way by every
 * command: this one line, exit 1 (a usage error: the user chose the path), never overwritten unless --force.
 */
export class OutputExistsError extends UsageError {
  override name = 'OutputExistsError';
  constructor(path: string) {
    super(`${path} already exists (use --force to replace it)`);
  }
}

/** The bundle is unreadable, unsafe or not a gwbundle bundle: exit 2 (report/inspect/show/verify). */
export class BundleFormatError extends Error {
  override name = 'BundleFormatError';
}

/** No bundle could be written: exit 2 (collect). */
export class BundleWriteError extends Error {
  override name = 'BundleWriteError';
}

/** A fault of the tool itself: exit 1. */
export class InternalError extends Error {
  override name = 'InternalError';
}

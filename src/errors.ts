// Typed errors; only src/cli.ts turns them into exit codes (contract: 1 usage/internal, 2 bundle).

/** Bad flags or arguments: exit 1. */
export class UsageError extends Error {
  override name = 'UsageError';
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

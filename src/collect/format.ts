// How collectors write what they read: JSON documents one way (2-space indent, trailing newline, key order
// as built), and a thrown error as one manifest-sized line.

/** A JSON artifact's bytes. */
export const toJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** One line for a manifest reason, whatever was thrown. */
export const oneLine = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim().slice(0, 300) || 'unknown error';

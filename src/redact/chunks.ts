// secretlint is fast per byte but is fed one string at a time; ~4 MiB line-aligned pieces keep its memory
// flat on a 25 MB log without cutting a line (a token never spans two lines, except PEM blocks, which
// pem-private-key has taken whole before secretlint runs).

/** Default piece size, in UTF-16 code units. */
export const CHUNK_CHARS = 4 * 1024 * 1024;

/** One piece of a text and where it starts. */
export interface TextChunk {
  offset: number;
  text: string;
}

/** Split `text` at line ends into pieces of at most `max` chars (a longer line is cut where it must be). */
export function lineChunks(text: string, max = CHUNK_CHARS): TextChunk[] {
  const chunks: TextChunk[] = [];
  let offset = 0;
  while (offset < text.length) {
    let end = Math.min(offset + max, text.length);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end - 1);
      if (nl >= offset) end = nl + 1;
    }
    chunks.push({ offset, text: text.slice(offset, end) });
    offset = end;
  }
  return chunks;
}

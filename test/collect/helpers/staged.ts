import type { ContentStream, StagedArtifact } from '../../../src/collect/types.js';

/** All of a content stream as one string; the stream is closed. */
export async function streamText(stream: ContentStream): Promise<string> {
  try {
    let text = '';
    for await (const piece of stream.pieces()) text += piece;
    return text;
  } finally {
    await stream.close();
  }
}

/** A staged artifact's bytes as text, whether held in memory or streamed (the stream is read and closed). */
export const stagedText = async (a: StagedArtifact | undefined): Promise<string | undefined> =>
  a?.stream ? streamText(a.stream) : a?.content;

import { deflateRawSync, inflateRawSync } from 'node:zlib';

// An artifact's bytes as the reader keeps them. A small artifact is one Buffer. A big one (a log tail, the
// transcript window: up to tens of MB each) is kept in blocks of BLOCK_BYTES compressed one by one as the tar
// streams by, and read back a block at a time: a bundle that decodes to 67 MB then costs a few MB of memory,
// and reading a big artifact front to back inflates each block once (a few recent blocks are kept inflated).

/** Random access to an artifact's bytes. */
export interface ArtifactBody {
  readonly length: number;
  /** Bytes [start, end) (copied or shared: do not write to them). */
  slice(start: number, end: number): Buffer;
  /** Bytes [start, end) decoded as UTF-8 (without a Buffer view in between when they lie in one block). */
  text(start: number, end: number): string;
}

/** A body over a Buffer held whole. */
export const plainBody = (bytes: Buffer): ArtifactBody => ({
  length: bytes.length,
  slice: (start, end) => bytes.subarray(start, end),
  text: (start, end) => bytes.toString('utf8', start, end),
});

/** Raw bytes per compressed block. */
export const BLOCK_BYTES = 256 * 1024;
/** Inflated blocks kept for the next read (sequential passes read each block once). */
const CACHED_BLOCKS = 4;

/** A body kept as blocks compressed one by one (deflate level 1: fast, and logs shrink many times over). */
export class PackedBody implements ArtifactBody {
  private readonly blocks: Buffer[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private total = 0;
  private readonly cache = new Map<number, Buffer>();
  private lastBlock = -1;
  private lastRaw: Buffer | null = null;

  get length(): number {
    return this.total;
  }

  /** Appends bytes as they arrive; call end() after the last. */
  push(chunk: Buffer): void {
    let rest = chunk;
    while (rest.length > 0) {
      const take = Math.min(rest.length, BLOCK_BYTES - this.pendingBytes);
      this.pending.push(rest.subarray(0, take));
      this.pendingBytes += take;
      this.total += take;
      rest = rest.subarray(take);
      if (this.pendingBytes === BLOCK_BYTES) this.flush();
    }
  }

  /** Compresses what is left. */
  end(): this {
    if (this.pendingBytes > 0) this.flush();
    return this;
  }

  private flush(): void {
    this.blocks.push(deflateRawSync(Buffer.concat(this.pending, this.pendingBytes), { level: 1 }));
    this.pending = [];
    this.pendingBytes = 0;
  }

  private block(i: number): Buffer {
    // why: a pass reads a block's records one after another; the block just read needs no LRU bookkeeping
    if (i === this.lastBlock && this.lastRaw) return this.lastRaw;
    const raw = this.lookup(i);
    this.lastBlock = i;
    this.lastRaw = raw;
    return raw;
  }

  private lookup(i: number): Buffer {
    const hit = this.cache.get(i);
    if (hit) {
      // why: a Map iterates in insertion order; re-inserting makes this the most recent block
      this.cache.delete(i);
      this.cache.set(i, hit);
      return hit;
    }
    // why: one output chunk that fits a whole block (the default 16 KiB chunks cost 16 allocations and a
    // concat per block, and report inflates every block of a log several times): 2.5x faster here
    const raw = inflateRawSync(this.blocks[i] as Buffer, { chunkSize: BLOCK_BYTES + 64 });
    this.cache.set(i, raw);
    if (this.cache.size > CACHED_BLOCKS) this.cache.delete(this.cache.keys().next().value as number);
    return raw;
  }

  text(start: number, end: number): string {
    const from = Math.max(0, start);
    const to = Math.min(this.total, end);
    if (to <= from) return '';
    const first = Math.floor(from / BLOCK_BYTES);
    // why: a replay decodes ~100,000 record heads per log; a view per decode was a third of its allocations
    if (first === Math.floor((to - 1) / BLOCK_BYTES)) return this.block(first).toString('utf8', from - first * BLOCK_BYTES, to - first * BLOCK_BYTES);
    return this.slice(from, to).toString('utf8');
  }

  slice(start: number, end: number): Buffer {
    const from = Math.max(0, start);
    const to = Math.min(this.total, end);
    if (to <= from) return Buffer.alloc(0);
    const first = Math.floor(from / BLOCK_BYTES);
    const last = Math.floor((to - 1) / BLOCK_BYTES);
    if (first === last) return this.block(first).subarray(from - first * BLOCK_BYTES, to - first * BLOCK_BYTES);
    const parts: Buffer[] = [];
    for (let i = first; i <= last; i++) {
      const b = this.block(i);
      parts.push(b.subarray(i === first ? from - i * BLOCK_BYTES : 0, i === last ? to - i * BLOCK_BYTES : b.length));
    }
    return Buffer.concat(parts, to - from);
  }
}

import { open, truncate, utimes } from 'node:fs/promises';
import { telegramConflictRecords } from '../../test/helpers/simulated-host/presets/channel-family.js';
import {
  AUTH_EXPIRED,
  ALREADY_PROCESSING,
  econnrefused,
  promptFailed,
  redisClientError,
  redisDisconnected,
  sessionStillStreaming,
  turnRecords,
} from '../../test/helpers/simulated-host/presets/records.js';

// Big machine files for the bench, in the real formats (facts §1.1): bun's multi-line console records, built
// once per template by the simulated host's own builders (real Bun prints them), then stamped with a counter so
// a 1 GiB log is written in seconds and still varies the way a busy daemon does (failure counts, stream ids).

const BATCH_BYTES = 4 * 1024 * 1024;
const COUNTER = '#N#';

/** Record templates of gateway.err (the presets' own records): prompt failures, Redis errors, retries, 409s. */
const ERR_TEMPLATES: readonly string[] = [
  promptFailed(AUTH_EXPIRED, 9001).replace('9001', COUNTER),
  promptFailed(ALREADY_PROCESSING, 9001).replace('9001', COUNTER),
  redisClientError('command', econnrefused()),
  redisDisconnected('command client'),
  sessionStillStreaming(9001).replace('9001', COUNTER),
  // The retry record carries the bot token in its URL: redaction has real work on every such pair.
  ...telegramConflictRecords(1),
];

/** Appends records from `make(i)` until the file grew by at least `bytes`; returns the bytes written. */
export async function appendRecords(path: string, bytes: number, make: (i: number) => string): Promise<number> {
  const fh = await open(path, 'a');
  let written = 0;
  try {
    for (let i = 0; written < bytes; ) {
      const parts: string[] = [];
      let size = 0;
      while (size < BATCH_BYTES && written + size < bytes) {
        const r = `${make(i++)}\n`;
        parts.push(r);
        size += Buffer.byteLength(r);
      }
      await fh.write(parts.join(''));
      written += size;
    }
  } finally {
    await fh.close();
  }
  return written;
}

/** A gateway.err record: one of the templates, stamped with a growing counter. */
export const errRecord = (i: number): string => (ERR_TEMPLATES[i % ERR_TEMPLATES.length] ?? '').replace(COUNTER, String(1 + (i % 97)));

/** A turn rendered once (through real Bun, like the presets) with stamps the maker below replaces. */
const TURN_MS = 1_700_000_012_345;
const TURN_LENGTH = 9999;
let turnTemplate: readonly string[] | undefined;

/** gateway.log turns: message received, persisted (stream id), dispatched, answered; one per 4 records. */
export function logRecordMaker(lastStreamMs: number): (i: number) => string {
  turnTemplate ??= turnRecords(TURN_MS, TURN_LENGTH);
  const template = turnTemplate;
  let turn: string[] = [];
  return (i) => {
    if (i % 4 === 0) {
      const ms = lastStreamMs - 1_000_000 + i * 37;
      // why: the whole stream id first, then the message id (its last five digits), then the length
      turn = template.map((r) =>
        r.replaceAll(String(TURN_MS), String(ms)).replaceAll(String(TURN_MS % 100_000), String(ms % 100_000)).replaceAll(String(TURN_LENGTH), String(200 + (i % 900))));
    }
    return turn[i % 4] ?? '';
  };
}

/** Grows `path` with a hole to `sparseBytes` (no disk, still read as zeros), then appends `realBytes` of records. */
export async function sparseThenRecords(path: string, sparseBytes: number, realBytes: number, make: (i: number) => string, mtime: Date): Promise<number> {
  await truncate(path, sparseBytes);
  const written = await appendRecords(path, realBytes, make);
  await utimes(path, mtime, mtime);
  return sparseBytes + written;
}

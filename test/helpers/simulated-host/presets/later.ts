import type { HostDraft } from './draft.js';
import { DAEMON_PID } from './healthy.js';

// The same machine at another time, for pairs of bundles (`gwbundle diff` fixtures). Presets build every
// timestamp relative to the one capture instant, in many shapes (ISO strings, epoch ms in stream ids and
// event payloads, epoch seconds and "27 Nov 2026 10:58:12" in Redis's own log, transcript file stamps); this
// moves all of them, and the capture clock, by the same amount, so the machine is unchanged but later.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO instants, with or without milliseconds. */
const ISO = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z/g;
/** pi's transcript file stamps: 2026-11-27T10-00-00-000Z. */
const FILE_STAMP = /\b(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/g;
/** Epoch milliseconds of 2023..2065 (also 1e12 + ms, the priority ZSET's scores), not inside a longer number. */
const EPOCH_MS = /(?<![\d.])(?:1[7-9]|2\d)\d{11}(?![\d.])/g;
/** Epoch seconds of 2023..2030. */
const EPOCH_S = /(?<![\d.])1[78]\d{8}(?![\d.])/g;
/** ps's lstart: `Fri Nov 27 10:59:00 2026` (the day padded to two places). */
const LSTART = new RegExp(`\\b(?:${DAYS.join('|')}) (${MONTHS.join('|')}) ( ?\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})\\b`, 'g');
/** Redis's log time: `27 Nov 2026 10:58:12.004`. */
const REDIS_LOG = new RegExp(`\\b(\\d{1,2}) (${MONTHS.join('|')}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})(\\.\\d{3})?`, 'g');

/** `text` with every time in it, in any of the shapes above, moved by `ms`. */
export function shiftText(text: string, ms: number): string {
  return text
    .replace(ISO, (m) => {
      const iso = new Date(Date.parse(m) + ms).toISOString();
      return m.includes('.') ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
    })
    .replace(FILE_STAMP, (_m, day: string, h: string, min: string, s: string, milli: string) =>
      new Date(Date.parse(`${day}T${h}:${min}:${s}.${milli}Z`) + ms).toISOString().replace(/:/g, '-').replace('.', '-'),
    )
    .replace(EPOCH_MS, (m) => String(Number(m) + ms))
    .replace(EPOCH_S, (m) => String(Number(m) + ms / 1000))
    .replace(LSTART, (_m, mon: string, d: string, h: string, min: string, s: string, y: string) => {
      const at = new Date(Date.UTC(Number(y), MONTHS.indexOf(mon), Number(d), Number(h), Number(min), Number(s)) + ms);
      const day = String(at.getUTCDate()).padStart(2, ' ');
      return `${DAYS[at.getUTCDay()]} ${MONTHS[at.getUTCMonth()]} ${day} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${at.getUTCFullYear()}`;
    })
    .replace(REDIS_LOG, (_m, d: string, mon: string, y: string, h: string, min: string, s: string, milli = '') => {
      const at = new Date(Date.UTC(Number(y), MONTHS.indexOf(mon), Number(d), Number(h), Number(min), Number(s), milli ? Number(milli.slice(1)) : 0) + ms);
      return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}${milli ? `.${pad(at.getUTCMilliseconds(), 3)}` : ''}`;
    });
}

/** The draft's machine `hours` later: every time in it, and the capture clock, moved by the same amount. */
export function later(draft: HostDraft, hours: number): HostDraft {
  const ms = Math.round(hours * 3_600_000 / 1000) * 1000;
  return JSON.parse(shiftText(JSON.stringify(draft), ms)) as HostDraft;
}

/**
 * The draft's daemon restarted once more before capture, as `pid`: launchd counts one more run, and the
 * lifecycle marker and startup record name the old daemon pid as the previous one.
 */
export function restartedAs(draft: HostDraft, pid: number): HostDraft {
  const text = JSON.stringify(draft)
    .replace(new RegExp(`(?<!\\d)${DAEMON_PID}(?!\\d)`, 'g'), String(pid))
    .replace(/(?<="previousPid":|previousPid: )\d+/g, String(DAEMON_PID))
    .replace(/(\\truns = )(\d+)/g, (_m, head: string, n: string) => `${head}${Number(n) + 1}`);
  return JSON.parse(text) as HostDraft;
}

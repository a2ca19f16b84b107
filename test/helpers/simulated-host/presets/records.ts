import { bunErrorValue, bunRecord } from '../formats/bun.js';
import { WS_PORT_PLACEHOLDER } from '../spec.js';

// The daemon's recurring log records (facts §1.1), shared by presets so each preset only adds what its
// scenario is about. Strings match the real emitters; objects print the bun way.

export const SESSION_ID = '4f7c2a10-9b3e-4d61-8a2f-0c1d2e3f4a5b';
export const USER_SOURCE = 'telegram:8675309';
const WS_PORT = WS_PORT_PLACEHOLDER;

/** O: the startup record of the legacy daemon. */
export function daemonStarted(o: { pid: number; model?: string; lifecycleRestart?: object | null; sessionId?: string }): string {
  // The port is a number in bun's output, so the placeholder loses its quotes.
  const record = bunRecord('[gateway] daemon started', {
    pid: o.pid,
    sessionId: o.sessionId ?? SESSION_ID,
    model: o.model ?? 'openai-codex/gpt-5.6-sol',
    cwd: '/Users/joel',
    agentDir: '/Users/joel/.joelclaw/gateway/.pi',
    channels: ['telegram', 'redis'],
    pidFile: '/tmp/joelclaw/gateway.pid',
    wsPort: WS_PORT,
    wsPortFile: '/tmp/joelclaw/gateway.ws.port',
    lifecycleRestart: o.lifecycleRestart ?? null,
  });
  return record.replace(`"${WS_PORT}"`, WS_PORT);
}

/** O: what the daemon prints from start to ready (store init, replay, redis channel, session). */
export function startupRecords(o: { pid: number; model?: string; lifecycleRestart?: object | null; sessionId?: string }): string[] {
  const sessionId = o.sessionId ?? SESSION_ID;
  return [
    'gateway-start.sh invoked',
    '[gateway:store] initialized gateway message queue',
    bunRecord('[gateway] session', { mode: 'resumed', rotationReason: null, sessionId, file: `/Users/joel/.joelclaw/sessions/gateway/${sessionId}.jsonl`, entries: 18 }),
    bunRecord('[gateway] session lifecycle init', { sessionAge: '2.0h', lastCompactionAge: '70m', sessionEntries: 18, resumed: true }),
    '[gateway:store] no messages to replay on startup',
    bunRecord('[gateway:redis] started', { sessionId: 'gateway', channels: ['joelclaw:notify:gateway'], list: 'joelclaw:events:gateway' }),
    daemonStarted(o),
  ];
}

/** O: one human message flowing through: received, persisted, dispatched, answered. */
export function turnRecords(streamMs: number, length = 412, source = USER_SOURCE): string[] {
  return [
    bunRecord('[gateway:telegram] message received', { source, chatId: 8675309, length: 38 }),
    bunRecord('[gateway:store] persisted inbound message', { streamId: `${streamMs}-0`, source, priority: 'P1' }),
    bunRecord('[gateway:fallback] prompt dispatched, starting timeout watch', { timeoutMs: 120_000, fallback: 'openai-codex/gpt-5.4' }),
    bunRecord('[gateway] response ready', { source, length }),
  ];
}

/** E: the record the command queue prints when a prompt throws (multi-line, with bun's error frame). */
export function promptFailed(message: string, consecutiveFailures: number, source = USER_SOURCE): string {
  return bunRecord('command-queue: prompt failed', {
    source,
    consecutiveFailures,
    error: bunErrorValue(message),
  });
}

export const ALREADY_PROCESSING =
  "Agent is already processing. Specify streamingBehavior ('steer' or 'followUp') to queue the message.";
export const AUTH_EXPIRED =
  `Authentication failed for "anthropic". Credentials may have expired or network is unavailable. Run '/login anthropic' to re-authenticate.`;

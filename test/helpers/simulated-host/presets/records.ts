import { bunConsole, bunErrorValue, bunRecord, type BunErrorValue } from '../formats/bun.js';
import { sessionFileName } from '../formats/session-jsonl.js';
import { WS_PORT_PLACEHOLDER } from '../spec.js';

// The daemon's console calls (facts §1.1), each with the method, message and payload of the real call
// (joelclaw file:line), so a preset's logs are the daemon's calls as real Bun prints them: console.log
// records belong in gateway.log (O), console.warn / console.error ones in gateway.err (E).

export const SESSION_ID = '4f7c2a10-9b3e-4d61-8a2f-0c1d2e3f4a5b';
export const USER_SOURCE = 'telegram:8675309';
export const CHAT_ID = 8675309;
const HOME = '/Users/joel';
const FALLBACK_REF = 'openai-codex/gpt-5.4';

// ---- gateway.log (console.log) ----------------------------------------------------------------------

/** O daemon.ts:5761. The port is a number in bun's output, so the placeholder loses its quotes. */
export function daemonStarted(o: { pid: number; model?: string; lifecycleRestart?: object | null; sessionId?: string }): string {
  const record = bunRecord('[gateway] daemon started', {
    pid: o.pid,
    sessionId: o.sessionId ?? SESSION_ID,
    model: o.model ?? 'openai-codex/gpt-5.6-sol',
    cwd: HOME,
    agentDir: `${HOME}/.pi/agent`,
    channels: ['redis', 'console', 'telegram'],
    pidFile: '/tmp/joelclaw/gateway.pid',
    wsPort: WS_PORT_PLACEHOLDER,
    wsPortFile: '/tmp/joelclaw/gateway.ws.port',
    lifecycleRestart: o.lifecycleRestart ?? null,
  }, 'log');
  return record.replace(`"${WS_PORT_PLACEHOLDER}"`, WS_PORT_PLACEHOLDER);
}

/** O daemon.ts:1088: which session the daemon opened (pi's SessionManager names the file). */
export const sessionOpened = (o: { mode: 'new' | 'resumed' | 'rotated'; sessionId: string; startedAt: string; entries: number; rotationReason?: string | null }): string =>
  bunRecord('[gateway] session', {
    mode: o.mode,
    rotationReason: o.rotationReason ?? null,
    sessionId: o.sessionId,
    file: `${HOME}/.joelclaw/sessions/gateway/${sessionFileName(o.startedAt, o.sessionId)}`,
    entries: o.entries,
  }, 'log');

/** O daemon.ts:1309. */
export const sessionLifecycleInit = (o: { sessionAge: string; lastCompactionAge: string; sessionEntries: number; resumed: boolean }): string =>
  bunRecord('[gateway] session lifecycle init', o, 'log');

/** O redis.ts:1297: SESSION_ID, [NOTIFY_CHANNEL, LEGACY_NOTIFY_CHANNEL], EVENT_LIST (redis.ts:50-54). */
export const redisStarted = (): string =>
  bunRecord('[gateway:redis] started', { sessionId: 'gateway', channels: ['joelclaw:notify:gateway', 'joelclaw:notify:main'], list: 'joelclaw:events:gateway' }, 'log');

/** O telegram-runtime.ts:922. */
export const telegramMessageReceived = (messageId: number, length: number): string =>
  bunRecord('[gateway:telegram] message received', { chatId: CHAT_ID, messageId, flowId: `tg-${CHAT_ID}-${messageId}`, length }, 'log');

/** O message-store/store.ts:279. */
export const persistedInbound = (streamId: string, source: string, priority: 'P0' | 'P1' | 'P2' | 'P3'): string =>
  bunRecord('[gateway:store] persisted inbound message', { streamId, source, priority }, 'log');

/** O model-fallback/controller.ts:209. */
export const promptDispatched = (timeoutMs = 120_000): string =>
  bunRecord('[gateway:fallback] prompt dispatched, starting timeout watch', { timeoutMs, fallback: FALLBACK_REF }, 'log');

/** O daemon.ts:4131. */
export const responseReady = (source: string, length: number): string => bunRecord('[gateway] response ready', { source, length }, 'log');

/** O daemon.ts:5837. */
export const shuttingDown = (signal: string): string => bunRecord('[gateway] shutting down', { signal }, 'log');

/** O daemon.ts:5043: the fallback controller's notice text, `console.log("[gateway:fallback]", text)`. */
export const fallbackNotice = (text: string): string => bunConsole('log', '[gateway:fallback]', text);

/** The notice of controller.ts:425 (10 min: recoveryProbeIntervalMs 600000). */
export const fallingBackText = (reason: string, to = FALLBACK_REF): string => `⚠️ Gateway falling back to ${to}\nReason: ${reason}\nWill probe primary every 10min`;

/** O controller.ts:528. */
export const recoveredToPrimary = (primary: string): string => bunRecord('[gateway:fallback] recovered to primary', { primary }, 'log');

/** O command-queue.ts:935. */
export const droppedConsecutiveDuplicate = (source: string, streamId: string, prompt: string): string =>
  bunRecord('[command-queue] dropped consecutive duplicate', { source, streamId, promptPreview: prompt.slice(0, 60) }, 'log');

/** O message-store/store.ts:238. */
export const droppedDuplicateInbound = (source: string, dedupHashPrefix: string, strippedInjectedContext: boolean): string =>
  bunRecord('[gateway:store] dropped duplicate inbound message', { source, dedupWindowSeconds: 30, dedupHashPrefix, strippedInjectedContext }, 'log');

/** O redis.ts:1208 (a template string, one line). */
export const redisReconnectScheduled = (delayMs: number, attempt: number): string => `[gateway:redis] scheduling reconnect in ${delayMs}ms (attempt ${attempt})`;

/** O daemon.ts:4499 (over 50% of the window). */
export const contextUsageModerate = (contextTokens: number, usagePercent: number): string =>
  bunRecord('[gateway:health] context usage moderate', { contextTokens, usagePercent }, 'log');

/** O: what the daemon prints from start to ready (store init, replay, redis channel, session). */
export function startupRecords(o: { pid: number; model?: string; lifecycleRestart?: object | null; sessionId?: string; sessionStartedAt?: string }): string[] {
  const sessionId = o.sessionId ?? SESSION_ID;
  return [
    'gateway-start.sh invoked',
    // message-store/store.ts:176, command-queue.ts:1229: lone strings print as they are
    '[gateway:store] initialized gateway message queue',
    sessionOpened({ mode: 'resumed', sessionId, startedAt: o.sessionStartedAt ?? '2026-11-27T10:00:00.000Z', entries: 18 }),
    sessionLifecycleInit({ sessionAge: '2.0h', lastCompactionAge: '70m', sessionEntries: 18, resumed: true }),
    '[gateway:store] no messages to replay on startup',
    redisStarted(),
    daemonStarted(o),
  ];
}

/** O: one human message flowing through: received, persisted, dispatched, answered. */
export function turnRecords(streamMs: number, length = 412, source = USER_SOURCE): string[] {
  return [
    telegramMessageReceived(streamMs % 100_000, 38),
    persistedInbound(`${streamMs}-0`, source, 'P1'),
    promptDispatched(),
    responseReady(source, length),
  ];
}

// ---- gateway.err (console.warn / console.error) ---------------------------------------------------------

/** E command-queue.ts:1176: the record the queue prints when a prompt throws (pi's Error inside). */
export const promptFailed = (message: string, consecutiveFailures: number, source = USER_SOURCE): string =>
  bunRecord('command-queue: prompt failed', { source, consecutiveFailures, error: bunErrorValue(message) }, 'error');

/** E command-queue.ts:1058 (at most two per prompt, 2 s apart). */
export const sessionStillStreaming = (attempt: number, source = USER_SOURCE): string =>
  bunRecord('command-queue: session still streaming, retrying', { attempt, source, delayMs: 2000 }, 'warn');

/** E controller.ts:326. */
export const fallbackTimeout = (promptDispatchedAt: string, timeoutMs = 120_000): string =>
  bunRecord('[gateway:fallback] timeout — no tokens received', { timeoutMs, promptDispatchedAt }, 'warn');

/** E controller.ts:428. */
export const fallbackActivated = (reason: string, activationCount: number): string =>
  bunRecord('[gateway:fallback] activated', { reason, fallback: FALLBACK_REF, activationCount }, 'warn');

/** E controller.ts:396. */
export const fallbackModelNotFound = (provider: string, model: string): string =>
  bunRecord('[gateway:fallback] fallback model not found', { provider, model }, 'error');

/** E controller.ts:464: the error is String(error). */
export const fallbackSetModelFailed = (error: string): string => bunRecord('[gateway:fallback] setModel failed', { error }, 'error');

/** E daemon.ts:5551: printed only while Redis is down or the session is stuck, dead or recovering. */
export const watchdogHealthCheck = (o: { redisOk: boolean; wsPort?: number; queueDepth: number; uptimeMs: number; consecutiveFailures: number; waitingForTurnEnd: boolean; stuck?: { stuckForMs: number; stuckThresholdMs: number; lastPromptSource: string; lastPromptAt: string } }): string =>
  bunRecord('[gateway:watchdog] health check', {
    redis: o.redisOk ? 'ok' : 'DEGRADED',
    telegram: 'ok',
    ws: { port: o.wsPort ?? 3018, clients: 1 },
    queueDepth: o.queueDepth,
    uptimeMs: o.uptimeMs,
    consecutiveFailures: o.consecutiveFailures,
    waitingForTurnEnd: o.waitingForTurnEnd,
    maintenanceActive: false,
    ...(o.stuck ?? {}),
  }, 'warn');

/** E daemon.ts:5595 (recovery grace 90 s). */
export const sessionAppearsStuck = (stuckForMs: number, stuckThresholdMs: number, lastPromptSource: string): string =>
  bunRecord('[gateway:watchdog] session appears stuck — attempting abort', { stuckForMs, stuckThresholdMs, lastPromptSource, recoveryGraceMs: 90_000 }, 'error');

/** E daemon.ts:5528. */
export const stuckRecoveryTimedOut = (overdueMs: number, queueDepth: number, promptAgeMs: number): string =>
  bunRecord('[gateway:watchdog] stuck recovery timed out — restarting daemon', { overdueMs, queueDepth, promptAgeMs }, 'error');

/** E daemon.ts:5632. */
export const sessionAppearsDead = (consecutiveFailures: number): string =>
  bunRecord('[gateway:watchdog] session appears dead — too many consecutive prompt failures', { consecutiveFailures }, 'error');

/** E daemon.ts:5649 (a lone string). */
export const SELF_RESTART = '[gateway:watchdog] initiating self-restart for session recovery';

/** E daemon.ts:2020. */
export const idleWaiterTimedOut = (o: { timeoutMs: number; promptAgeMs: number; waitElapsedMs: number; maintenanceActive: boolean }): string =>
  bunRecord('[gateway] idle waiter timed out — releasing drain lock', o, 'warn');

/** E daemon.ts:5974. */
export const redisRetriesExhausted = (suppressedInWindow: number, message: string): string =>
  bunRecord('[gateway] redis command retries exhausted', { suppressedInWindow, message }, 'warn');

/** E daemon.ts:5992. */
export const unhandledRejection = (reason: BunErrorValue | string): string => bunRecord('[gateway] unhandled rejection', { reason }, 'error');

/** E redis.ts:150: `[gateway:redis] ${kind} error` with the ioredis Error. */
export const redisClientError = (kind: 'subscriber' | 'command', error: BunErrorValue): string => bunRecord(`[gateway:redis] ${kind} error`, { error }, 'error');

/** E redis.ts:1255 / 1264 (lone strings). */
export const redisDisconnected = (kind: 'subscriber' | 'command client'): string => `[gateway:redis] ${kind} disconnected — will reconnect`;

/** E telemetry/src/emitter.ts:146: the error is String(error). */
export const otelEmitFailed = (component: string, action: string, error: string): string =>
  bunRecord('[gateway:otel] emit request failed', { component, action, error }, 'warn');

/** E daemon.ts:4460 (over 65% of the window). */
export const contextElevated = (contextTokens: number, usagePercent: number, entries: number): string =>
  bunRecord('[gateway:health] context elevated — proactive compaction', { contextTokens, usagePercent, entries }, 'warn');

/**
 * E daemon.ts:157: `console.warn(msg, err)` with the Error as its own argument, which Bun prints as
 * `msg warn: <message>`, the Error's fields, a blank line, the `at` lines and a blank line. The error is a
 * stand-in for the failed agent-mail fetch.
 */
export const agentMailRegistrationFailed = (): string =>
  bunConsole('warn', '[gateway] agent-mail registration failed (non-fatal):', bunErrorValue('Unable to connect. Is the computer able to access the url?', { thrower: 'daemon', props: { code: 'ConnectionRefused', path: 'http://127.0.0.1:8765/mcp/' } }));

/** An ioredis connection refusal as its socket reports it (Node's ExceptionWithHostPort fields). */
export const econnrefused = (port = 6379): BunErrorValue =>
  bunErrorValue(`connect ECONNREFUSED 127.0.0.1:${port}`, { thrower: 'socket-connect', props: { errno: -61, code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port } });

export const ALREADY_PROCESSING =
  "Agent is already processing. Specify streamingBehavior ('steer' or 'followUp') to queue the message.";
export const AUTH_EXPIRED =
  `Authentication failed for "anthropic". Credentials may have expired or network is unavailable. Run '/login anthropic' to re-authenticate.`;

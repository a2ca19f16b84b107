// Where the Error values in the daemon's logs are created. Bun prints an Error with a code frame of the
// lines around the statement that built it and `at` lines of its stack (facts §1.1), so the generator
// writes these stand-in modules at the machine paths the real throwers have on the gateway's Mac and builds
// each Error there. The statements that build the errors and the messages are the real ones (cited); the
// modules around them are not, which is what a code frame of the real file would differ in.

/** A module that builds one kind of Error: its default export `(message)` returns or throws it. */
export interface Thrower {
  /** The machine path of the real module (the generator prefixes its scratch root, then strips it). */
  path: string;
  /** The module's source, whose default export builds the Error. */
  source: string;
  /** The module whose frame sits under it in the stack, and that frame's function name. */
  caller: { path: string; name: string };
}

const REPO = '/Users/joel/Code/joelhooks/joelclaw';

export const THROWERS = {
  // pi-coding-agent 0.70.2 dist/core/agent-session.js:709-712 ("Agent is already processing…"; the
  // "Authentication failed…" of :732-734 is thrown the same way): prompt() throws, and the command queue's
  // drain (command-queue.ts:1048) is the frame under it.
  'pi-prompt': {
    path: `${REPO}/node_modules/@mariozechner/pi-coding-agent/dist/core/agent-session.js`,
    caller: { path: `${REPO}/packages/gateway/src/command-queue.ts`, name: 'drain' },
    source: [
      'export default function prompt(message, options) {',
      '            // If streaming, queue via steer() or followUp() based on option',
      '            if (options?.isStreaming !== false) {',
      '                if (!options?.streamingBehavior) {',
      '                    throw new Error(message);',
      '                }',
      '            }',
      '}',
      '',
    ].join('\n'),
  },
  // ioredis built/redis/event_handler.js:346 builds MaxRetriesPerRequestError (built/errors/
  // MaxRetriesPerRequestError.js, an AbortError whose name getter is the class name) when the connection
  // closes with commands queued.
  'ioredis-max-retries': {
    path: `${REPO}/node_modules/ioredis/built/redis/event_handler.js`,
    caller: { path: `${REPO}/node_modules/ioredis/built/Redis.js`, name: 'flushQueue' },
    source: [
      'class AbortError extends Error {}',
      'class MaxRetriesPerRequestError extends AbortError {',
      '    get name() {',
      '        return this.constructor.name;',
      '    }',
      '}',
      'export default function close(message) {',
      '                    return new MaxRetriesPerRequestError(message);',
      '}',
      '',
    ].join('\n'),
  },
  // A refused TCP connect as ioredis hands it on from its socket's error event ("[gateway:redis] command
  // error", channels/redis.ts:150), with the fields of Node's ExceptionWithHostPort.
  'socket-connect': {
    path: `${REPO}/node_modules/ioredis/built/connectors/StandaloneConnector.js`,
    caller: { path: `${REPO}/node_modules/ioredis/built/Redis.js`, name: 'connect' },
    source: [
      'export default function connect(message) {',
      '            const err = new Error(message);',
      '            err.syscall = "connect";',
      '            return err;',
      '}',
      '',
    ].join('\n'),
  },
  // grammY out/core/client.js: callApi throws toGrammyError(data, method, payload) for a failed API call
  // (409 on getUpdates while another poller holds the token); GrammyError's name is "GrammyError".
  'grammy-call-api': {
    path: `${REPO}/node_modules/grammy/out/core/client.js`,
    caller: { path: `${REPO}/node_modules/grammy/out/bot.js`, name: 'handleUpdates' },
    source: [
      'class GrammyError extends Error {',
      '    constructor(message) {',
      '        super(message);',
      '        this.name = "GrammyError";',
      '    }',
      '}',
      'export default function callApi(message) {',
      '        throw new GrammyError(message);',
      '}',
      '',
    ].join('\n'),
  },
  // Anything the daemon itself throws.
  daemon: {
    path: `${REPO}/packages/gateway/src/daemon.ts`,
    caller: { path: `${REPO}/packages/gateway/src/command-queue.ts`, name: 'drain' },
    source: ['export default function fail(message) {', '  throw new Error(message);', '}', ''].join('\n'),
  },
} as const satisfies Record<string, Thrower>;

export type ThrowerId = keyof typeof THROWERS;

/** A caller module: one exported function per name, each calling the thrower and handing back what it returned or threw. */
export const callerSource = (names: readonly string[]): string =>
  names
    .map((name) => [`export function ${name}(create, message) {`, '  try {', '    const made = create(message);', '    return made;', '  } catch (error) {', '    return error;', '  }', '}', ''].join('\n'))
    .join('');

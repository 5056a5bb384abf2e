import pino from 'pino';

/**
 * Never in a log line: what would let a reader sign in as someone or reach a customer. Keys at the
 * top of a line's fields and one level down (a request's headers, an error's details).
 */
const SECRETS = ['password', 'token', 'cookie', 'authorization', 'phone', 'email', 'recipient'];

/**
 * The server's log: one JSON line per event, with time, level and message (`msg`), on stdout for
 * journald or a terminal (`npm start | npx pino-pretty` reads it as plain lines). LOG_LEVEL sets
 * how much: debug, info (default), warn, error. `destination` is for tests.
 */
export function createLog(destination?: pino.DestinationStream, level?: string) {
	const options: pino.LoggerOptions = {
		base: undefined,
		level: level ?? process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
		timestamp: pino.stdTimeFunctions.isoTime,
		formatters: { level: (label) => ({ level: label }) },
		redact: {
			paths: [...SECRETS, ...SECRETS.map((key) => `*.${key}`)],
			censor: '[hidden]'
		}
	};
	return pino(options, destination ?? stdout());
}

const STDOUT = Symbol.for('benchboard.log.stdout');

/**
 * stdout, written in batches of 4 kB or every half second rather than line by line: a request's
 * line was one write each, 8% of the server's busy time in a profile of the bench (README). Lines
 * still pending are written at exit (pino flushes on `exit`), so only a SIGKILL or a power cut loses
 * the last half second. One stream per process (the server entry and SvelteKit's bundle each load
 * this module), so lines keep their order.
 */
function stdout(): pino.DestinationStream {
	const registry = globalThis as { [STDOUT]?: pino.DestinationStream };
	return (registry[STDOUT] ??= pino.destination({ dest: 1, minLength: 4096, periodicFlush: 500 }));
}

export const log = createLog();

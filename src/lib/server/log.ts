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
	return destination ? pino(options, destination) : pino(options);
}

export const log = createLog();

import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Metrics } from '../src/lib/server/metrics';
import { log } from '../src/lib/server/log';

/**
 * `/metrics` in Prometheus's text format, for a scraper that sends `Authorization: Bearer
 * $METRICS_TOKEN`. Without METRICS_TOKEN there is no such page (404), so nothing is open by default.
 */
export function metricsEndpoint(metrics: Metrics, token: string | undefined) {
	const expected = token ? Buffer.from(`Bearer ${token}`) : null;
	return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
		if (req.url !== '/metrics') return false;
		const given = Buffer.from(req.headers.authorization ?? '');
		if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
			res.writeHead(expected ? 401 : 404, { 'content-type': 'text/plain' });
			res.end(expected ? 'Send Authorization: Bearer <METRICS_TOKEN>\n' : 'Not found\n');
			return true;
		}
		metrics.registry.metrics().then(
			(text) => {
				res.writeHead(200, { 'content-type': metrics.registry.contentType });
				res.end(text);
			},
			(error) => {
				log.error({ err: error }, 'metrics could not be collected');
				res.writeHead(500, { 'content-type': 'text/plain' });
				res.end('Metrics could not be collected\n');
			}
		);
		return true;
	};
}

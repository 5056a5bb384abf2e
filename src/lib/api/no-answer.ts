import { ApiError } from './client';

/**
 * No answer from the app: the network failed, or the balancer in front found no process (a 502,
 * 503 or 504 from nginx while one restarts). The change may or may not have been applied, so it is
 * kept and sent again with its Idempotency-Key.
 */
export function noAnswer(error: unknown): boolean {
	return (
		!(error instanceof ApiError) || error.status === 0 || [502, 503, 504].includes(error.status)
	);
}

import { error } from '@sveltejs/kit';
import { SharedRateLimiter } from '../rate-limit';
import type { Sql } from '../db';
import { readCustomerStatus, type CustomerStatus } from './status-link';

/**
 * Per client address, across every process: plenty for a customer refreshing, hopeless for guessing
 * links.
 */
const limiter = new SharedRateLimiter('status', 60, 60_000);

/**
 * The status behind a link for the public page, or a plain 404 ("not found" for a wrong or
 * replaced link alike), or 429 when one address asks too often.
 */
export async function customerStatusOr404(
	sql: Sql,
	token: string,
	clientAddress: string | null
): Promise<CustomerStatus> {
	if (!(await limiter.take(sql, clientAddress ?? 'unknown')))
		error(429, 'Too many requests: try again in a minute');
	const status = await readCustomerStatus(sql, token);
	if (!status) error(404, 'Not found');
	return status;
}

import { error } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';

/**
 * A page's load calls the domain directly; a refusal or an unknown id there must become the app's
 * error page with its plain words (403, 404, 400), not the generic 500 that handleError gives a throw.
 */
export async function loadOrRefuse<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (caught) {
		if (caught instanceof DomainError) error(caught.status, caught.message);
		throw caught;
	}
}

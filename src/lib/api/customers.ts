import { api } from './client';
import type { CustomerSummary } from '../server/customers';
import type { SearchResults } from '../server/search';

// Type-only: the server declares the answers once, and these imports vanish from the client bundle.
export type { CustomerOrder, CustomerProfile, CustomerSummary } from '../server/customers';
export type { OrderHit, SearchResults } from '../server/search';

const get = <T>(url: string, signal?: AbortSignal) => api<T>('GET', url, undefined, { signal });

export const searchCustomers = (q: string, signal?: AbortSignal, limit = 8) =>
	get<{ customers: CustomerSummary[] }>(
		`/api/v1/customers?${new URLSearchParams({ q, limit: String(limit) })}`,
		signal
	).then((body) => body.customers);

/** Customers who already have this phone (same digits) or this email. */
export const findDuplicates = (
	contact: { phone?: string; email?: string },
	signal?: AbortSignal
) => {
	const params = new URLSearchParams();
	if (contact.phone) params.set('phone', contact.phone);
	if (contact.email) params.set('email', contact.email);
	return get<{ customers: CustomerSummary[] }>(
		`/api/v1/customers/duplicates?${params}`,
		signal
	).then((body) => body.customers);
};

export const searchEverything = (q: string, signal?: AbortSignal, limit = 8) =>
	get<SearchResults>(`/api/v1/search?${new URLSearchParams({ q, limit: String(limit) })}`, signal);

/** Sets whether the shop may message this customer. */
export const setNotificationsOff = (customerId: number, notificationsOff: boolean) =>
	api('PATCH', `/api/v1/customers/${customerId}`, { notificationsOff });

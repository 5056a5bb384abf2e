import { listCustomers } from '$lib/server/customers';
import { actorOf } from '$lib/server/http';
import { loadOrRefuse } from '$lib/page-errors.server';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = actorOf(locals);
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const from = Math.max(0, Math.min(Number(url.searchParams.get('from')) || 0, 1_000_000));
	// One more than a page tells whether there is a next one without counting them all.
	const rows = await loadOrRefuse(() =>
		listCustomers(locals.services.db.sql, actor, { q, limit: PAGE_SIZE + 1, offset: from })
	);
	return {
		q,
		from,
		pageSize: PAGE_SIZE,
		customers: rows.slice(0, PAGE_SIZE),
		more: rows.length > PAGE_SIZE
	};
};

import type { Sql } from 'postgres';

/** An order's own page, and nothing else: "/orders/42", as its envelope's QR code links to it. */
const ORDER_PAGE = /^\/orders\/([1-9]\d{0,8})$/;

/**
 * The number of the order a signed-out person is about to open ("CO-1021"), so the sign-in page can
 * say so. Only the number leaves: it is printed on the envelope the code was scanned from.
 */
export async function orderToOpen(sql: Sql, next: string): Promise<string | null> {
	const id = ORDER_PAGE.exec(next)?.[1];
	if (!id) return null;
	const [row] = await sql<{ number: string }[]>`select number from orders where id = ${Number(id)}`;
	return row?.number ?? null;
}

import { expect, test, type APIRequestContext } from './fixtures';
import sharp from 'sharp';
import type { Order } from '../../src/lib/types';
import type { OrderEvent } from '../../src/lib/events';
import { DEMO, signInState } from './sign-in';
import type { CardAnswer, OrderAnswer } from '../../src/lib/api/answers';
import { bodyOf } from './api-helpers';

/**
 * The whole order over HTTP, as an integrator or the order page uses it: each write answers with
 * the order as the caller's role may see it, uploads are judged by their bytes, and what a role may
 * not see never leaves the server.
 */

const API = '/api/v1';
const RUN = Date.now().toString(36);

async function seq(request: APIRequestContext): Promise<number> {
	return ((await (await request.get(`${API}/health`)).json()) as { seq: number }).seq;
}

async function newOrder(request: APIRequestContext, extra: object = {}): Promise<Order> {
	const { card } = await bodyOf<CardAnswer>(
		await request.post(`${API}/orders`, {
			data: {
				customer: { givenName: 'Chloe', familyName: `Martin ${RUN}`, phone: '555-0148' },
				title: `Emerald engagement ring ${RUN}`,
				pieceType: 'engagement_ring',
				metal: '18k yellow gold',
				sizeValue: '6.25',
				sizeScale: 'US',
				quotedPriceCents: 410000,
				...extra
			}
		}),
		201
	);
	return bodyOf<Order>(await request.get(`${API}/orders/${card.id}`), 200);
}

async function asRole(
	playwright: { request: { newContext(options: { baseURL: string }): Promise<APIRequestContext> } },
	baseURL: string,
	who: keyof typeof DEMO
) {
	const context = await playwright.request.newContext({ baseURL });
	await signInState(context, baseURL, DEMO[who].username, DEMO[who].password);
	return context;
}

test('an order takes stones, a deposit, outside work and a blocker, each answered with the whole order', async ({
	request
}) => {
	const order = await newOrder(request);
	const vendors = await bodyOf<{ id: number; name: string }[]>(
		await request.get(`${API}/vendors`),
		200
	);
	const dealer = vendors.find((vendor) => vendor.name === 'Meridian Diamonds')!;
	const caster = vendors.find((vendor) => vendor.name === 'Pacific Casting House')!;

	const withStone = (
		await bodyOf<OrderAnswer>(
			await request.post(`${API}/orders/${order.id}/stones`, {
				data: {
					role: 'center',
					source: 'customer',
					gem: 'Diamond',
					shape: 'round',
					carats: 0.9,
					declaredValueCents: 450000,
					state: 'received'
				}
			}),
			201
		)
	).order;
	expect(withStone.customerStones).toBe(1);
	expect(withStone.stones[0]).toMatchObject({
		source: 'customer',
		carats: 0.9,
		declaredValueCents: 450000
	});

	const withSide = (
		await bodyOf<OrderAnswer>(
			await request.post(`${API}/orders/${order.id}/stones`, {
				data: {
					role: 'side',
					source: 'store',
					vendorId: dealer.id,
					gem: 'Diamond',
					count: 2,
					carats: 0.5
				}
			}),
			201
		)
	).order;
	const side = withSide.stones.find((stone) => stone.role === 'side')!;
	expect(side).toMatchObject({ vendorName: 'Meridian Diamonds', state: 'expected' });

	const paid = (
		await bodyOf<OrderAnswer>(
			await request.post(`${API}/orders/${order.id}/payments`, {
				data: { kind: 'deposit', amountCents: 205000, method: 'card' }
			}),
			201
		)
	).order;
	expect(paid.money).toMatchObject({
		quotedPriceCents: 410000,
		paidCents: 205000,
		balanceCents: 205000
	});
	expect(paid.money!.payments[0].takenBy).toBe('Avery Stone');

	const sent = (
		await bodyOf<OrderAnswer>(
			await request.post(`${API}/orders/${order.id}/vendor-jobs`, {
				data: {
					vendorId: caster.id,
					description: 'Wax for casting',
					sentOn: '2026-11-20',
					costCents: 18000
				}
			}),
			201
		)
	).order;
	const job = sent.vendorJobs[0];
	const back = (
		await bodyOf<OrderAnswer>(
			await request.patch(`${API}/orders/${order.id}/vendor-jobs/${job.id}`, {
				data: { version: job.version, receivedOn: '2026-11-26' }
			}),
			200
		)
	).order;
	expect(back.vendorJobs[0]).toMatchObject({ receivedOn: '2026-11-26', version: 2 });

	const before = await seq(request);
	const blocked = (
		await bodyOf<OrderAnswer>(
			await request.post(`${API}/orders/${order.id}/blockers`, {
				data: { description: 'Side stones from Meridian' }
			}),
			201
		)
	).order;
	expect(blocked.firstBlocker).toBe('Side stones from Meridian');
	// The board hears of it: the card's first blocker, and nothing of the money.
	const { events } = await bodyOf<{ events: OrderEvent[] }>(
		await request.get(`${API}/events?after=${before}`),
		200
	);
	expect(events).toHaveLength(1);
	expect(events[0]).toMatchObject({
		type: 'blocker.added',
		orderId: order.id,
		payload: { after: { firstBlocker: 'Side stones from Meridian' } }
	});
	expect(events[0].payload).not.toHaveProperty('detail');

	const resolved = (
		await bodyOf<OrderAnswer>(
			await request.post(`${API}/orders/${order.id}/blockers/${blocked.blockers[0].id}/resolve`),
			200
		)
	).order;
	expect(resolved.firstBlocker).toBeNull();

	const stale = await bodyOf<{ error: { code: string } }>(
		await request.patch(`${API}/orders/${order.id}/stones/${side.id}`, {
			data: { version: side.version + 1, state: 'received' }
		}),
		409
	);
	expect(stale.error.code).toBe('conflict');
	const removed = (
		await bodyOf<OrderAnswer>(
			await request.delete(`${API}/orders/${order.id}/stones/${side.id}?version=${side.version}`),
			200
		)
	).order;
	expect(removed.stones).toHaveLength(1);
});

test('a bench jeweler sees the piece but no money or contact, and may only do bench work', async ({
	request,
	playwright,
	baseURL
}) => {
	const order = await newOrder(request);
	await bodyOf<OrderAnswer>(
		await request.post(`${API}/orders/${order.id}/stones`, {
			data: {
				role: 'center',
				source: 'customer',
				gem: 'Ruby',
				declaredValueCents: 280000,
				state: 'received'
			}
		}),
		201
	);
	const bench = await asRole(playwright, baseURL!, 'bench');
	const seen = await bodyOf<Order>(await bench.get(`${API}/orders/${order.id}`), 200);
	expect(seen.money).toBeNull();
	expect(seen.customer.phone).toBeNull();
	expect(JSON.stringify(seen)).not.toContain('280000');
	expect(JSON.stringify(seen)).not.toContain('410000');

	const stone = seen.stones[0];
	const set = (
		await bodyOf<OrderAnswer>(
			await bench.patch(`${API}/orders/${order.id}/stones/${stone.id}`, {
				data: { version: stone.version, state: 'set' }
			}),
			200
		)
	).order;
	expect(set.stones[0].state).toBe('set');
	expect(set.stones[0].declaredValueCents).toBeNull();

	const before = await seq(request);
	for (const [method, path, data] of [
		['post', `orders/${order.id}/payments`, { kind: 'payment', amountCents: 100, method: 'cash' }],
		['patch', `orders/${order.id}`, { version: order.version, title: 'Changed at the bench' }],
		['patch', `orders/${order.id}/stones/${stone.id}`, { version: 2, carats: 2 }],
		['post', `customers`, { givenName: 'Eve', familyName: 'Dropper' }],
		['get', `customers/${order.customerId}`, undefined],
		['get', `customers?q=Martin`, undefined]
	] as const) {
		const response = await bench.fetch(`${API}/${path}`, { method, data });
		expect(response.status(), `${method} ${path}`).toBe(403);
	}
	expect(await seq(request)).toBe(before);
	await bench.dispose();
});

test('photos upload by their bytes; wrong, empty and oversized files are refused with a message', async ({
	request
}) => {
	const order = await newOrder(request);
	const photo = await sharp({
		create: { width: 900, height: 600, channels: 3, background: '#1f3a34' }
	})
		.jpeg()
		.toBuffer();
	const uploaded = (
		await bodyOf<OrderAnswer>(
			await request.post(`${API}/orders/${order.id}/attachments?kind=reference&fileName=ring.jpg`, {
				data: photo,
				headers: { 'content-type': 'image/jpeg' }
			}),
			201
		)
	).order;
	const [attachment] = uploaded.attachments;
	expect(attachment).toMatchObject({
		mediaType: 'image/jpeg',
		width: 900,
		height: 600,
		fileName: 'ring.jpg'
	});

	const original = await request.get(`${API}/attachments/${attachment.id}`);
	expect(original.status()).toBe(200);
	expect(Buffer.compare(await original.body(), photo)).toBe(0);
	expect(original.headers()).toMatchObject({
		'content-type': 'image/jpeg',
		'x-content-type-options': 'nosniff'
	});
	expect(original.headers()['content-security-policy']).toContain('sandbox');
	const thumbnail = await request.get(`${API}/attachments/${attachment.id}/thumbnail`);
	expect(thumbnail.headers()['content-type']).toBe('image/webp');
	expect((await sharp(await thumbnail.body()).metadata()).width).toBe(480);

	const count = async () =>
		(await bodyOf<Order>(await request.get(`${API}/orders/${order.id}`), 200)).attachments.length;
	const refusals: [Buffer, number, RegExp][] = [
		[
			Buffer.from('<html><script>alert(1)</script></html>'),
			400,
			/not a JPEG, PNG or WebP image or a PDF/
		],
		[Buffer.alloc(0), 400, /empty/],
		[
			Buffer.concat([photo.subarray(0, 16), Buffer.alloc(16 * 1024 * 1024)]),
			413,
			/larger than 15 MB/
		]
	];
	for (const [bytes, status, message] of refusals) {
		const refused = await bodyOf<{ error: { message: string; field: string } }>(
			await request.post(`${API}/orders/${order.id}/attachments?fileName=ring.jpg`, {
				data: bytes,
				headers: { 'content-type': 'image/jpeg' }
			}),
			status
		);
		expect(refused.error.message).toMatch(message);
	}
	expect(await count()).toBe(1);

	// A JSON body past 512 kB is still refused, though uploads may be larger.
	const big = await request.post(`${API}/orders/${order.id}/blockers`, {
		data: { description: 'x'.repeat(600 * 1024) }
	});
	expect(big.status()).toBe(413);
});

test('customers: search as you type, duplicates by phone or email, a profile with orders and items', async ({
	request
}) => {
	const order = await newOrder(request, {
		customer: {
			givenName: 'Ruth',
			familyName: `Goldberg ${RUN}`,
			phone: '(555) 017-4999',
			email: `ruth.${RUN}@example.com`,
			preferredContact: 'email'
		}
	});
	const found = await bodyOf<{ customers: { id: number; openOrders: number }[] }>(
		await request.get(`${API}/customers?q=${encodeURIComponent(`goldberg ${RUN}`)}`),
		200
	);
	expect(found.customers).toEqual([
		expect.objectContaining({ id: order.customerId, openOrders: 1 })
	]);
	const duplicates = await bodyOf<{ customers: { id: number }[] }>(
		await request.get(`${API}/customers/duplicates?phone=555.017.4999`),
		200
	);
	expect(duplicates.customers.map((customer) => customer.id)).toContain(order.customerId);

	const profile = await bodyOf<{
		customer: { preferredContact: string };
		orders: { id: number }[];
	}>(
		await request.patch(`${API}/customers/${order.customerId}`, { data: { ringSizes: 'US 7' } }),
		200
	);
	expect(profile.customer.preferredContact).toBe('email');
	expect(profile.orders.map((entry) => entry.id)).toEqual([order.id]);

	const refused = await bodyOf<{ error: { field: string } }>(
		await request.post(`${API}/customers`, {
			data: { givenName: 'Nora', familyName: '', phone: 'call me' }
		}),
		400
	);
	expect(refused.error.field).toBe('familyName');

	const search = await bodyOf<{ orders: { id: number; matched: string }[] }>(
		await request.get(`${API}/search?q=${order.number}`),
		200
	);
	expect(search.orders[0]).toMatchObject({ id: order.id, matched: 'order number' });
	expect((await request.get(`${API}/search?q=`)).status()).toBe(400);
	expect((await request.get(`${API}/customers/abc`)).status()).toBe(404);
});

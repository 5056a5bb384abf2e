import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/auth/accounts';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { authenticateBearer } from '../../src/lib/server/auth/bearer';
import { DomainError } from '../../src/lib/server/errors';
import type { Actor } from '../../src/lib/server/events';
import { exportEvents, exportOrders } from '../../src/lib/server/export';
import type { Download } from '../../src/lib/server/http';
import { createOrder, moveOrder } from '../../src/lib/server/orders';
import { recordPayment } from '../../src/lib/server/payments';
import { pickUpOrder } from '../../src/lib/server/release';
import { registerServices, unregisterServices } from '../../src/lib/server/services';
import type { StartedServices } from '../../src/lib/server/start';
import { GET as getOrdersExport } from '../../src/routes/api/v1/export/orders/+server';
import { throughHook } from '../helpers/hook';
import { backends, firstOwner } from '../helpers/services';

/** RFC 4180 records: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
	expect(text.startsWith('\uFEFF')).toBe(true);
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 1; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') ((field += '"'), i++);
			else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') (record.push(field), (field = ''));
		else if (char === '\r' && text[i + 1] === '\n') {
			record.push(field);
			records.push(record);
			((record = []), (field = ''), i++);
		} else field += char;
	}
	expect(record).toEqual([]);
	return records;
}

/** The file as sent, byte order mark and all (`Response.text()` would drop it). */
const read = async (download: Download) =>
	new TextDecoder('utf-8', { ignoreBOM: true }).decode(
		await new Response(download.body).arrayBuffer()
	);
const rows = (csv: string[][]) =>
	csv.slice(1).map((row) => Object.fromEntries(csv[0].map((name, i) => [name, row[i]])));

describe.each(backends)('the owner’s full export on $name', (backend) => {
	let services: StartedServices;
	let owner: Actor;
	let ownerSession: string;
	let manager: Actor;
	let posSecret: string;
	let quoted: number;
	let archived: number;
	const query = (format: string) => new URLSearchParams({ format });

	beforeAll(async () => {
		services = await backend.start();
		registerServices(services);
		({ owner, session: ownerSession } = await firstOwner(services));
		const morgan = await createAccount(services, owner, {
			name: 'Morgan Lee',
			username: 'morgan',
			role: 'manager',
			password: 'manager walks past the river'
		});
		manager = { id: morgan.id, name: morgan.displayName, role: 'manager' };
		posSecret = (await createApiToken(services, owner, { name: 'POS', role: 'manager' })).secret;
		const pos = await authenticateBearer(services, `Bearer ${posSecret}`);

		// A customer whose name a spreadsheet would run as formulas.
		quoted = (
			await createOrder(services, pos, {
				customer: {
					givenName: '=HYPERLINK("http://evil.example","Hannah")',
					familyName: '+Okafor',
					phone: '-555 0100',
					email: 'hannah@example.com'
				},
				assignee: '@bench',
				title: 'Oval solitaire, 14k yellow gold, "Aurora"',
				quotedPriceCents: 250000,
				deposit: { amountCents: 125000, method: 'card' }
			})
		).card.id;
		await recordPayment(services, owner, quoted, {
			kind: 'refund',
			amountCents: 5050,
			method: 'card'
		});
		const { card } = await createOrder(services, owner, {
			customer: { givenName: 'Noor', familyName: 'Haddad' },
			title: 'Wedding band'
		});
		archived = card.id;
		const ready = (
			await moveOrder(services, owner, card.id, {
				stage: 'ready',
				afterId: null,
				version: card.version
			})
		).card;
		await pickUpOrder(services, owner, card.id, { version: ready.version });
		// Many more orders than a page holds, written straight in (archived: no board position).
		await services.db.sql`
			insert into orders (customer_id, title, stage, status_token, status_token_hash)
			select (select customer_id from orders where id = ${archived}), 'Repair ' || n, 'picked_up',
				'tok' || n, 'hash' || n
			from generate_series(1, 1200) n`;
	});
	afterAll(async () => {
		if (services) unregisterServices(services);
		await services?.stop();
	});

	it('writes every order, open and archived, with its customer and money, as CSV', async () => {
		const download = await exportOrders(services.db.sql, owner, query('csv'));
		expect(download.fileName).toMatch(/^benchboard-orders-\d{4}-\d{2}-\d{2}\.csv$/);
		expect(download.contentType).toBe('text/csv; charset=utf-8');
		const csv = parseCsv(await read(download));
		expect(csv[0]).toEqual(
			expect.arrayContaining(['Number', 'Archived', 'Quoted price', 'Balance'])
		);
		const all = rows(csv);
		expect(all).toHaveLength(1202);
		const ids = all.map((row) => Number(row['Order id']));
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		const first = all.find((row) => Number(row['Order id']) === quoted)!;
		expect(first).toMatchObject({
			Title: 'Oval solitaire, 14k yellow gold, "Aurora"',
			Stage: 'intake',
			Archived: 'no',
			Currency: 'USD',
			'Quoted price': '2500',
			Paid: '1199.5',
			Balance: '1300.5',
			Payments: '2',
			// Text a spreadsheet would run is kept as text.
			'Given name': `'=HYPERLINK("http://evil.example","Hannah")`,
			'Family name': "'+Okafor",
			Phone: "'-555 0100",
			Assignee: "'@bench"
		});
		expect(all.find((row) => Number(row['Order id']) === archived)).toMatchObject({
			Stage: 'picked_up',
			Archived: 'yes',
			'Quoted price': '',
			Balance: ''
		});
	});

	it('writes the same as JSON lines, money in cents and payments in full', async () => {
		const download = await exportOrders(services.db.sql, owner, query('jsonl'));
		expect(download.fileName).toMatch(/\.jsonl$/);
		const lines = (await read(download)).trimEnd().split('\n');
		expect(lines).toHaveLength(1202);
		const order = lines.map((line) => JSON.parse(line)).find((line) => line.id === quoted);
		expect(order).toMatchObject({
			stage: 'intake',
			archived: false,
			customer: { givenName: '=HYPERLINK("http://evil.example","Hannah")', familyName: '+Okafor' },
			money: {
				currency: 'USD',
				quotedPriceCents: 250000,
				paidCents: 119950,
				balanceCents: 130050,
				payments: [
					{ kind: 'deposit', amountCents: 125000, method: 'card', takenBy: 'POS (API token)' },
					{ kind: 'refund', amountCents: 5050, method: 'card', takenBy: 'Avery Stone' }
				]
			}
		});
	});

	it('writes the whole event log in seq order, with each actor and the chain’s links', async () => {
		const [{ lastSeq }] = await services.db.sql<{ lastSeq: number }[]>`
			select last_seq from event_counter`;
		const lines = (await read(await exportEvents(services.db.sql, owner, query('jsonl'))))
			.trimEnd()
			.split('\n')
			.map((line) => JSON.parse(line));
		expect(lines.map((event) => event.seq)).toEqual(
			Array.from({ length: lastSeq }, (_, i) => i + 1)
		);
		expect(lines[0]).toMatchObject({
			seq: 1,
			at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
			orderId: null,
			customerId: expect.any(Number),
			type: 'customer.created',
			actorName: 'POS (API token)',
			prevHash: null,
			hash: expect.stringMatching(/^[0-9a-f]{64}$/)
		});
		expect(lines[1]).toMatchObject({ orderId: quoted, type: 'order.created' });
		const csv = rows(
			parseCsv(await read(await exportEvents(services.db.sql, owner, query('csv'))))
		);
		expect(csv).toHaveLength(lastSeq);
		expect(JSON.parse(csv[0]['Payload (JSON)'])).toEqual(lines[0].payload);
		expect(csv.at(-1)).toMatchObject({ Type: 'order.picked_up', Actor: 'Avery Stone' });
	});

	it('is the owner’s alone: not a manager’s, not a token’s, whatever its role', async () => {
		for (const work of [
			() => exportOrders(services.db.sql, manager, query('csv')),
			async () =>
				exportEvents(
					services.db.sql,
					await authenticateBearer(services, `Bearer ${posSecret}`),
					query('jsonl')
				)
		]) {
			const error = await work().then(
				() => undefined,
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(DomainError);
			expect((error as DomainError).status).toBe(403);
			expect((error as DomainError).message).toBe(
				'Only the owner, signed in, exports the shop’s data'
			);
		}
	});

	it('through the route: a download for the owner’s session, a JSON refusal otherwise', async () => {
		const file = await throughHook(
			'/api/v1/export/orders?format=jsonl',
			{ session: ownerSession },
			getOrdersExport
		);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-disposition')).toMatch(
			/^attachment; filename="benchboard-orders-\d{4}-\d{2}-\d{2}\.jsonl"$/
		);
		expect(file.headers.get('cache-control')).toBe('no-store');
		expect((await file.text()).trimEnd().split('\n')).toHaveLength(1202);
		const bad = await throughHook(
			'/api/v1/export/orders?format=xlsx',
			{ session: ownerSession },
			getOrdersExport
		);
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toMatchObject({
			field: 'format',
			message: 'format must be csv or jsonl'
		});
		const byToken = await throughHook(
			'/api/v1/export/orders?format=csv',
			{ headers: { authorization: `Bearer ${posSecret}` } },
			getOrdersExport
		);
		expect(byToken.status).toBe(403);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/lib/events';
import type { Actor } from '../../src/lib/server/events';
import {
	importReport,
	importStatus,
	previewImport,
	startImport,
	uploadSheet
} from '../../src/lib/server/imports';
import { createCustomer } from '../../src/lib/server/customers';
import { MAX_IMPORT_ROWS } from '../../src/lib/import/csv-read';
import type { StartedServices } from '../../src/lib/server/start';
import { backends } from '../helpers/services';

// Enough rows for many progress steps; the 10,000-row import's time is `npm run bench`'s `import`
// line (a timed test would only be a slower CI).
const ROWS = Number(process.env.IMPORT_ROWS ?? 400);
const bytes = (text: string) => new TextEncoder().encode(text);

/** A shop brings its open orders over from a spreadsheet. */
describe.each(backends)('importing a spreadsheet on $name', (backend) => {
	let services: StartedServices;
	const published: OrderEvent[] = [];
	const people = {} as Record<'owner' | 'manager' | 'staff' | 'bench', Actor>;

	beforeAll(async () => {
		services = await backend.start();
		services.bus.subscribe((event) => published.push(event));
		for (const role of ['owner', 'manager', 'staff', 'bench'] as const) {
			const name = `${role[0].toUpperCase()}${role.slice(1)} Person`;
			const [user] = await services.db.sql<{ id: number }[]>`
				insert into users (username, display_name, role)
				values (${role + '-import'}, ${name}, ${role}) returning id`;
			people[role] = { id: user.id, name, role };
		}
	});
	afterAll(() => services?.stop());

	async function importFile(text: string, actor = people.manager, mapping?: object) {
		const sheet = await uploadSheet(services.db.sql, actor, 'open-jobs.csv', bytes(text));
		await startImport(services, actor, sheet.id, { mapping: mapping ?? sheet.mapping });
		// Polled as the page does (each poll is a query between the job's transactions).
		const end = Date.now() + 900_000;
		while ((await importStatus(services, actor, sheet.id)).status === 'running') {
			if (Date.now() > end) throw new Error('the import did not finish in 15 minutes');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		return {
			sheet,
			status: await importStatus(services, actor, sheet.id),
			report: await importReport(services.db.sql, actor, sheet.id)
		};
	}

	const counts = async () =>
		(
			await services.db.sql<{ orders: number; customers: number; seq: number }[]>`
				select (select count(*)::int from orders) as orders,
					(select count(*)::int from customers) as customers,
					(select last_seq from event_counter) as seq`
		)[0];

	const FILE = [
		'Job #,Customer,Phone,Email,Item,Type,Status,Due,Price,Deposit',
		'J-1,Ana Rivera,(555) 013-4411,ana@example.com,Solitaire in platinum,Engagement ring,Casting,12/14/2026,"$3,200.00",500',
		'J-2,"Hale, Tom",555-777-1234,,Resize to 9,Repair,QC,2026-12-20,80,',
		'J-3,Cher,,,Chain repair,Necklace,Picked up,31/31/2026,x,',
		'J-4,Mia Chen,,ANA@EXAMPLE.COM,"=HYPERLINK(""http://evil"",""click"")",Pendant,Design,,,'
	].join('\n');

	it('guesses the columns, previews every row’s problems by row and field, and matches known customers', async () => {
		await createCustomer(services, people.staff, {
			givenName: 'Thomas',
			familyName: 'Hale',
			phone: '+1 555 777 1234'
		});
		const before = await counts();
		const sheet = await uploadSheet(services.db.sql, people.manager, 'open-jobs.csv', bytes(FILE));
		expect(sheet.headers[0]).toBe('Job #');
		expect(sheet.mapping).toMatchObject({
			externalRef: 0,
			customerName: 1,
			phone: 2,
			email: 3,
			title: 4,
			pieceType: 5,
			stage: 6,
			dueDate: 7,
			quotedPrice: 8,
			deposit: 9
		});
		const preview = await previewImport(services.db.sql, people.manager, sheet.id, {
			mapping: sheet.mapping
		});
		expect(preview).toMatchObject({ total: 4, ready: 3, withProblems: 1, matchedCustomers: 1 });
		expect(preview.rows[1].existingCustomer).toMatchObject({ name: 'Thomas Hale' });
		expect(preview.rows[3].sameCustomerAsRow).toBe(2);
		expect(
			preview.problems
				.filter((problem) => problem.row === 4)
				.map((p) => p.field)
				.sort()
		).toEqual(['customerName', 'dueDate', 'quotedPrice', 'stage']);
		expect(preview.problems.find((p) => p.field === 'stage')?.message).toMatch(/not an open stage/);
		// A preview changes nothing.
		expect(await counts()).toEqual({ ...before, customers: before.customers });
	});

	it('imports the valid rows, one transaction each, with the intake form’s events and a report', async () => {
		const before = await counts();
		const from = published.length;
		const { status, report } = await importFile(FILE);
		expect(status).toMatchObject({ status: 'done', total: 4, done: 4, created: 3, failed: 1 });
		const after = await counts();
		expect(after.orders).toBe(before.orders + 3);
		// Ana Rivera is new; Tom Hale is the existing Thomas Hale; Mia Chen is Ana's email, other case.
		expect(after.customers).toBe(before.customers + 1);
		const orders = await services.db.sql<
			{
				number: string;
				stage: string;
				title: string;
				dueDate: string | null;
				quotedPriceCents: number | null;
				customer: string;
			}[]
		>`
			select o.number, o.stage, o.title, o.due_date::text as due_date, o.quoted_price_cents,
				c.given_name || ' ' || c.family_name as customer
			from orders o join customers c on c.id = o.customer_id order by o.id`;
		expect(orders.map(({ number: _, ...order }) => order)).toEqual([
			{
				stage: 'casting',
				title: 'Solitaire in platinum',
				dueDate: '2026-12-14',
				quotedPriceCents: 320000,
				customer: 'Ana Rivera'
			},
			{
				stage: 'inspection',
				title: 'Resize to 9',
				dueDate: '2026-12-20',
				quotedPriceCents: 8000,
				customer: 'Thomas Hale'
			},
			{
				stage: 'design',
				title: '=HYPERLINK("http://evil","click")',
				dueDate: null,
				quotedPriceCents: null,
				customer: 'Ana Rivera'
			}
		]);
		const events = published.slice(from);
		const created = events.filter((event) => event.type === 'order.created');
		expect(created).toHaveLength(3);
		expect(created.every((event) => event.actor.name === people.manager.name)).toBe(true);
		expect(events.filter((event) => event.type === 'payment.recorded')).toHaveLength(1);
		const lines = report
			.trim()
			.replace(/^\uFEFF/, '')
			.split('\r\n');
		expect(lines[0]).toBe('Row,Result,Order,Problem or note');
		expect(lines[1]).toBe(`2,created,${orders[0].number},`);
		expect(lines[2]).toBe(`3,created,${orders[1].number},"for Thomas Hale, an existing customer"`);
		expect(lines[3]).toMatch(
			/^4,failed,,.*Customer full name: ""Cher"" needs a first and a last name/
		);
		expect(lines[3]).toMatch(/Stage: ""Picked up"" is not an open stage/);
		expect(lines[4]).toMatch(/^5,created,CO-\d+,"for Ana Rivera, an existing customer"$/);
	});

	it('skips rows imported before, by their reference or their content, and says as what', async () => {
		const before = await counts();
		const { status, report } = await importFile(FILE);
		expect(status).toMatchObject({ created: 0, skipped: 3, failed: 1 });
		expect(await counts()).toEqual(before);
		expect(report).toMatch(/\r\n2,skipped,CO-\d+,already imported as CO-\d+\r\n/);
		// Without a reference column, the row's content is its reference.
		const plain = 'Name,Title\nLena Berg,Signet ring\nOle Berg,Cufflinks\n';
		expect((await importFile(plain)).status).toMatchObject({ created: 2 });
		const again = await importFile(plain.replace('Cufflinks', 'Tie pin'));
		expect(again.status).toMatchObject({ created: 1, skipped: 1 });
	});

	it('refuses staff and bench, and a mapping that names no customer or a column that is not there', async () => {
		for (const role of ['staff', 'bench'] as const) {
			await expect(
				uploadSheet(services.db.sql, people[role], 'x.csv', bytes(FILE))
			).rejects.toMatchObject({ status: 403 });
		}
		const sheet = await uploadSheet(services.db.sql, people.owner, 'x.csv', bytes(FILE));
		await expect(importStatus(services, people.staff, sheet.id)).rejects.toMatchObject({
			status: 403
		});
		await expect(
			previewImport(services.db.sql, people.owner, sheet.id, { mapping: { title: 4 } })
		).rejects.toMatchObject({ status: 400, details: { field: 'mapping.customerName' } });
		await expect(
			previewImport(services.db.sql, people.owner, sheet.id, {
				mapping: { customerName: 1, title: 40 }
			})
		).rejects.toMatchObject({ status: 400, details: { field: 'mapping.title' } });
		await expect(
			uploadSheet(services.db.sql, people.owner, 'x.csv', Uint8Array.from([0, 1, 2, 3]))
		).rejects.toMatchObject({ status: 400, details: { field: 'file' } });
	});

	it('goes on where it stopped when its process was lost, in the name of who started it', async () => {
		const text = 'Name,Title\nRuth Lowe,Locket\nIvo Lowe,Brooch\n';
		const sheet = await uploadSheet(services.db.sql, people.manager, 'lost.csv', bytes(text));
		// As a process that died after the first row would have left it.
		await services.db.sql`
			update imports set status = 'running', mapping = ${services.db.sql.json(sheet.mapping)},
				done = 1, started_at = now() - interval '5 minutes',
				progressed_at = now() - interval '5 minutes'
			where id = ${sheet.id}`;
		const from = published.length;
		await importStatus(services, people.owner, sheet.id);
		const end = Date.now() + 30_000;
		while ((await importStatus(services, people.owner, sheet.id)).status === 'running') {
			if (Date.now() > end) throw new Error('the import was not resumed');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(await importStatus(services, people.owner, sheet.id)).toMatchObject({
			status: 'done',
			done: 2,
			created: 1
		});
		const created = published.slice(from).filter((event) => event.type === 'order.created');
		expect(
			created.map((event) => [event.actor.name, (event.payload.after as { title: string }).title])
		).toEqual([[people.manager.name, 'Brooch']]);
	});

	it('takes a file of the largest size allowed, and imports a long one as one job', async () => {
		const lines = ['Reference,First name,Last name,Phone,Title,Stage,Due'];
		const row = (i: number) =>
			`BULK-${i},Given${i},Family${i},555${String(1_000_000 + i)},Ring ${i},Setting,2027-01-${String((i % 28) + 1).padStart(2, '0')}`;
		const largest = [lines[0], ...Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => row(i))];
		const sheet = await uploadSheet(
			services.db.sql,
			people.owner,
			'all.csv',
			bytes(largest.join('\n'))
		);
		expect(sheet.total).toBe(MAX_IMPORT_ROWS);
		await expect(
			uploadSheet(
				services.db.sql,
				people.owner,
				'too-many.csv',
				bytes([...largest, row(-1)].join('\n'))
			)
		).rejects.toMatchObject({ status: 400, details: { field: 'file' } });
		for (let i = 0; i < ROWS; i++) {
			lines.push(row(i));
		}
		const started = Date.now();
		const { status } = await importFile(lines.join('\n'), people.owner);
		const seconds = (Date.now() - started) / 1000;
		console.log(`${backend.name}: ${ROWS} rows imported in ${seconds.toFixed(1)} s`);
		expect(status).toMatchObject({ status: 'done', created: ROWS, failed: 0 });
		const [{ count }] = await services.db.sql<{ count: number }[]>`
			select count(*)::int from orders where stage = 'setting'`;
		expect(count).toBe(ROWS);
	}, 900_000);
});

import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment } from '../../src/lib/server/attachments';
import { checkInItem } from '../../src/lib/server/custody';
import { updateCustomer } from '../../src/lib/server/customers';
import { createOrder, updateOrder } from '../../src/lib/server/orders';
import type { StartedServices } from '../../src/lib/server/start';
import type { OrderCard } from '../../src/lib/types';
import { refusalChecker } from '../helpers/commands';
import { backends } from '../helpers/services';

/** JSON's "\ud800": half of a UTF-16 pair, which PostgreSQL refuses in text and jsonb. */
const LONE = JSON.parse('"Platinum \\ud800"') as string;
const REVERSED = JSON.parse('"\\udfff\\ud800"') as string;

describe.each(backends)('text with a broken character on $name', (backend) => {
	let services: StartedServices;
	let card: OrderCard;
	const actor = () => services.shopActor;
	const files = () => fs.readdirSync(services.files.dir, { recursive: true }).length;
	const refused = refusalChecker(async () => ({
		seq: (await services.db.sql`select last_seq from event_counter`)[0].lastSeq,
		files: fs.existsSync(services.files.dir) ? files() : 0
	}));

	beforeAll(async () => {
		services = await backend.start();
		card = (
			await createOrder(services, actor(), {
				customer: { givenName: 'Ottilie', familyName: 'Vantrelle' },
				title: 'Reset of an heirloom ring'
			})
		).card;
	});
	afterAll(() => services?.stop());

	it.each([
		['metal', LONE],
		['engravingText', REVERSED],
		['title', LONE]
	])("an order's %s is a 400 naming it", async (field, value) => {
		const error = await refused(() =>
			updateOrder(services, actor(), card.id, { version: card.version, [field]: value })
		);
		expect(error.status).toBe(400);
		expect(error.details.field).toBe(field);
	});

	it.each([['givenName'], ['familyName']])("a customer's %s is a 400 naming it", async (field) => {
		const error = await refused(() =>
			updateCustomer(services, actor(), card.customerId, { [field]: LONE })
		);
		expect(error.details.field).toBe(field);
	});

	it.each([['description'], ['note']])("an item's %s is a 400 naming it", async (field) => {
		const item = { kind: 'stone', description: 'Old European cut diamond', weightUnit: 'ct' };
		const error = await refused(() =>
			checkInItem(services, actor(), card.id, { ...item, [field]: LONE })
		);
		expect(error.details.field).toBe(field);
	});

	it.each([
		['a broken character', LONE],
		['a line break', 'ring\nphoto.jpg'],
		['a tab', 'ring\tphoto.jpg'],
		['a direction mark', 'ring\u202egpj.exe'],
		['a control character', 'ring\u0007.jpg']
	])('an upload whose file name holds %s is refused and leaves no file', async (_, fileName) => {
		const photo = await sharp({
			create: { width: 40, height: 30, channels: 3, background: '#b08d3c' }
		})
			.jpeg()
			.toBuffer();
		const body = new Blob([new Uint8Array(photo)]).stream();
		const error = await refused(() =>
			addAttachment(services, actor(), card.id, body, { kind: 'reference', fileName })
		);
		expect(error.details.field).toBe('fileName');
	});
});

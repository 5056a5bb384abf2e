import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepFiles } from '../../src/lib/server/attachments';
import { locateLogo, removeShopLogo, setShopLogo } from '../../src/lib/server/shop-logo';
import { dueBucket } from '../../src/lib/due';
import { shopFormat } from '../../src/lib/words/format';
import type { ScreenNotice } from '../../src/lib/server/bus';
import type { Actor } from '../../src/lib/server/events';
import { createOrder } from '../../src/lib/server/orders';
import { getBoard } from '../../src/lib/server/board';
import { readShopProfile, updateShopProfile } from '../../src/lib/server/shop-profile';
import { listSettingsChanges } from '../../src/lib/server/settings-trail';
import type { StartedServices } from '../../src/lib/server/start';
import { sendMessage } from '../../src/lib/server/updates/outbox';
import { refusalChecker } from '../helpers/commands';
import { backends } from '../helpers/services';

describe.each(backends)("the shop's profile on $name", (backend) => {
	let services: StartedServices;
	const notices: ScreenNotice[] = [];
	const as = (role: Actor['role']): Actor => ({
		id: services.shopActor.id,
		name: 'Rosa Diaz',
		role
	});

	beforeAll(async () => {
		services = await backend.start();
		services.bus.onScreenNotice((notice) => notices.push(notice));
	});
	afterAll(() => services?.stop());

	const refused = refusalChecker(async () => ({
		profile: await readShopProfile(services.db.sql),
		changes: (await listSettingsChanges(services, as('owner'))).length,
		notices: notices.length
	}));

	it('the owner sets it; each change is recorded with who, before and after, and every screen hears it', async () => {
		const before = await readShopProfile(services.db.sql);
		const profile = await updateShopProfile(services, as('owner'), {
			name: 'Marlowe & Daughters',
			address: '14 Quay Street\nGalway H91 X2C4',
			phone: '+353 91 555 0142',
			email: 'hello@marlowe.example',
			website: 'https://marlowe.example',
			timeZone: 'Europe/Dublin',
			currency: 'EUR',
			locale: 'en-ie'
		});
		expect(profile).toEqual({
			name: 'Marlowe & Daughters',
			address: '14 Quay Street\nGalway H91 X2C4',
			phone: '+353 91 555 0142',
			email: 'hello@marlowe.example',
			website: 'https://marlowe.example',
			timeZone: 'Europe/Dublin',
			currency: 'EUR',
			locale: 'en-IE',
			logo: null
		});
		expect(await readShopProfile(services.db.sql)).toEqual(profile);
		expect(notices.at(-1)).toEqual({ type: 'shop', profile });

		// Only what differs is recorded; saving the same values again records nothing.
		await updateShopProfile(services, as('owner'), {
			phone: '+353 91 555 0199',
			name: profile.name
		});
		await updateShopProfile(services, as('owner'), { phone: '+353 91 555 0199' });
		const [latest, first, ...rest] = await listSettingsChanges(services, as('owner'));
		expect(rest).toEqual([]);
		expect(latest).toMatchObject({
			actor: 'Rosa Diaz',
			section: 'profile',
			before: { phone: '+353 91 555 0142' },
			after: { phone: '+353 91 555 0199' }
		});
		expect(first.before).toMatchObject({ name: before.name, currency: before.currency });
		expect(first.after).toMatchObject({ name: 'Marlowe & Daughters', currency: 'EUR' });
		expect(Date.now() - Date.parse(latest.at)).toBeLessThan(60_000);
	});

	it("a customer's message ends with how to reach the shop", async () => {
		const card = (
			await createOrder(services, as('owner'), {
				customer: { givenName: 'Orla', familyName: 'Quinn', email: 'orla@example.com' },
				title: 'Claddagh pendant'
			})
		).card;
		await sendMessage(services, as('owner'), card.id, {
			kind: 'message',
			message: 'Your sketch is ready to see.'
		});
		const [{ body }] = await services.db.sql<{ body: string }[]>`
			select body from notifications where order_id = ${card.id}`;
		expect(body).toMatch(
			/Your sketch is ready to see\.\n\nMarlowe & Daughters\n14 Quay Street\nGalway H91 X2C4\n\+353 91 555 0199\nmarlowe\.example$/
		);
	});

	it('the owner uploads a logo anyone may load; no other stored file is reachable that way', async () => {
		const png = await sharp({
			create: { width: 400, height: 120, channels: 3, background: '#1f3a34' }
		})
			.png()
			.toBuffer();
		const body = (bytes: Uint8Array) => new Response(bytes as Uint8Array<ArrayBuffer>).body;
		const error = await refused(() =>
			setShopLogo(services, as('owner'), body(Buffer.from('%PDF-1.4 not a logo')))
		);
		expect(error.details.field).toBe('logo');
		await expect(setShopLogo(services, as('manager'), body(png))).rejects.toMatchObject({
			status: 403
		});

		const profile = await setShopLogo(services, as('owner'), body(png));
		const hash = profile.logo!.split('/').pop()!;
		expect(profile.logo).toMatch(/^\/shop\/logo\/[0-9a-f]{64}$/);
		expect(notices.at(-1)).toEqual({ type: 'shop', profile });
		expect((await locateLogo(services, hash)).mediaType).toBe('image/png');
		// The sweep of unreferenced uploads takes the refused bytes, and keeps the logo.
		expect(await sweepFiles(services, 0)).toBe(1);
		expect(fs.existsSync(services.files.pathOf(hash))).toBe(true);
		await expect(locateLogo(services, 'a'.repeat(64))).rejects.toMatchObject({ status: 404 });

		const removed = await removeShopLogo(services, as('owner'));
		expect(removed.logo).toBeNull();
		await expect(locateLogo(services, hash)).rejects.toMatchObject({ status: 404 });
		const [latest] = await listSettingsChanges(services, as('owner'));
		expect(latest).toMatchObject({ before: { logo: profile.logo }, after: { logo: null } });
	});

	it('the trail cannot be rewritten', async () => {
		await expect(
			services.db.sql`update settings_changes set actor_name = 'Nobody'`
		).rejects.toThrow(/settings_changes is append-only/);
		await expect(services.db.sql`delete from settings_changes`).rejects.toThrow(/append-only/);
	});

	it('only the owner changes it', async () => {
		for (const role of ['manager', 'staff', 'bench', 'display'] as const) {
			const error = await refused(() =>
				updateShopProfile(services, as(role), { name: 'Mine now' })
			);
			expect(error.status).toBe(403);
		}
		await expect(listSettingsChanges(services, as('manager'))).rejects.toMatchObject({
			status: 403
		});
	});

	it.each([
		[{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'must be a time zone'],
		[{ currency: 'XYZ' }, 'currency', 'must be a currency code'],
		[{ currency: 'usd' }, 'currency', 'must be a currency code'],
		[{ locale: 'not a locale!' }, 'locale', 'must be a language and region'],
		[{ website: 'ftp://marlowe.example' }, 'website', 'must be a web address'],
		[{ website: 'javascript:alert(1)' }, 'website', 'must be a web address'],
		[{ email: 'hello at marlowe' }, 'email', 'must be an email address'],
		[{ phone: 'call us' }, 'phone', 'must be a phone number'],
		[{ name: '' }, 'name', 'is required'],
		[{ name: 'x'.repeat(81) }, 'name', 'must be at most 80 characters'],
		[{ name: 'Marlowe\u0000' }, 'name', 'must not contain control characters'],
		[{}, 'body', 'must name something to change'],
		[{ owner: 'me' }, 'owner', 'owner']
	])('%j is refused, naming the field, and changes nothing', async (input, field, words) => {
		const error = await refused(() => updateShopProfile(services, as('owner'), input));
		expect(error.status).toBe(400);
		expect(error.details.field).toBe(field);
		expect(error.message).toContain(words);
	});

	it('a time zone change moves "today" and "overdue" for the board, the due list and the wall display', async () => {
		// Kiritimati (UTC+14) is always a calendar day ahead of Pago Pago (UTC-11).
		await updateShopProfile(services, as('owner'), { timeZone: 'Pacific/Pago_Pago' });
		const behind = await getBoard(services.db.sql, as('owner'));
		(
			await createOrder(services, as('owner'), {
				customer: { givenName: 'Aoife', familyName: 'Brennan' },
				title: 'Claddagh ring',
				dueDate: behind.today
			})
		).card;
		await updateShopProfile(services, as('owner'), { timeZone: 'Pacific/Kiritimati' });
		const ahead = await getBoard(services.db.sql, as('owner'));
		const display = await getBoard(services.db.sql, as('display'));
		expect(display.today).toBe(ahead.today);
		expect(display.timeZone).toBe('Pacific/Kiritimati');
		const order = ahead.orders.find((card) => card.title === 'Claddagh ring')!;
		expect(dueBucket(order.dueDate, behind.today)).toBe('today');
		expect(dueBucket(order.dueDate, ahead.today)).toBe('overdue');
		const format = shopFormat(await readShopProfile(services.db.sql));
		expect(format.due(order.dueDate, ahead.today)).toBe('Overdue 1 day');
	});

	it('the currency is fixed once an amount is recorded: 1,250.00 EUR must not become 125,000 yen', async () => {
		(
			await createOrder(services, as('owner'), {
				customer: { givenName: 'Cian', familyName: 'Walsh' },
				title: 'Signet ring',
				quotedPriceCents: 125_000
			})
		).card;
		const error = await refused(() =>
			updateShopProfile(services, as('owner'), { currency: 'JPY' })
		);
		expect(error.details.field).toBe('currency');
		expect(error.message).toContain('amounts are already recorded in EUR');
	});
});

describe.each(backends)('a shop in yen on $name', (backend) => {
	let services: StartedServices;
	beforeAll(async () => (services = await backend.start()));
	afterAll(() => services?.stop());

	it('a new shop may choose a currency without minor units, and its amounts are whole yen', async () => {
		const owner: Actor = { id: services.shopActor.id, name: 'Haruto Sato', role: 'owner' };
		const profile = await updateShopProfile(services, owner, { currency: 'JPY', locale: 'ja-JP' });
		const format = shopFormat(profile);
		expect(format.money.digits).toBe(0);
		expect(format.money.parse('15,000')).toBe(15_000);
		expect(format.money.parse('15000.5')).toBeNull();
		expect(format.money.format(15_000)).toMatch(/^[¥￥]15,000$/);
	});
});

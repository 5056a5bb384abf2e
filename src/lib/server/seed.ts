import { todayIn } from '../due';
import type { BoardStage } from '../stages';
import type { Actor } from './events';
import { createAccount } from './auth/accounts';
import { createOrder, moveOrder } from './orders';
import { addStone } from './stones';
import { checkInItem, handOffItem } from './custody';
import { getOrder } from './order-record';
import { recordPayment } from './payments';
import { addBlocker } from './blockers';
import { addVendorJob } from './vendor-jobs';
import { createVendor } from './vendors';
import { DEMO, DEMO_SHOP, DEMO_VENDORS } from './seed-data';
import { generateHistory } from './history-generator';
import type { Services } from './services';
import { readSettings } from './settings';

function addDays(isoDate: string, days: number): string {
	const date = new Date(`${isoDate}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/** How many past orders the demo's year of history plans: about five a week, as the open ones suggest. */
export const DEMO_HISTORY_ORDERS = 260;

/**
 * A year of finished past orders (seeded, from the history generator: the Insights page's charts
 * and the forecasts have something to read), then about twenty realistic open orders across
 * every stage, made through the same commands staff use.
 */
export async function seedDemoData(services: Services, actor: Actor): Promise<number> {
	const { timeZone } = await readSettings(services.db.sql);
	const today = todayIn(timeZone);
	const vendors = new Map<string, number>();
	for (const vendor of DEMO_VENDORS) {
		vendors.set(vendor.name, (await createVendor(services.db.sql, actor, vendor)).id);
	}
	await generateHistory(services.db.sql, actor, { orders: DEMO_HISTORY_ORDERS, seed: 21 });
	// Only where the shop has not written its own.
	await services.db.sql`
		update settings set phone = ${DEMO_SHOP.phone} where phone = ''`;
	await services.db.sql`
		update settings set address = ${DEMO_SHOP.address} where address = ''`;
	const lastInStage = new Map<BoardStage, number>();
	for (const demo of DEMO) {
		const [givenName, familyName, phone, email] = demo.customer;
		const card = (
			await createOrder(services, actor, {
				customer: { givenName, familyName, phone, email, preferredContact: demo.contact ?? 'call' },
				title: demo.title,
				dueDate: demo.due === null ? null : addDays(today, demo.due),
				rush: demo.rush ?? false,
				assignee: demo.assignee ?? null,
				...demo.piece,
				quotedPriceCents: demo.quote * 100
			})
		).card;
		for (const { vendor, ...stone } of demo.stones ?? []) {
			await addStone(services, actor, card.id, {
				...stone,
				...(vendor ? { vendorId: vendors.get(vendor) } : {})
			});
		}
		for (const { handoffs, ...item } of demo.items ?? []) {
			await checkInItem(services, actor, card.id, {
				...item,
				to: { kind: 'place', place: 'Safe' }
			});
			for (const handoff of handoffs ?? []) {
				const { items } = await getOrder(services.db.sql, actor, card.id);
				const held = items.find((candidate) => candidate.description === item.description)!;
				await handOffItem(services, actor, card.id, held.id, {
					version: held.version,
					to:
						'place' in handoff.to
							? { kind: 'place', place: handoff.to.place }
							: { kind: 'vendor', vendorId: vendors.get(handoff.to.vendor) },
					weight: handoff.weight,
					note: handoff.note
				});
			}
		}
		if (demo.deposit) {
			await recordPayment(services, actor, card.id, {
				kind: 'deposit',
				amountCents: demo.deposit * 100,
				method: demo.depositMethod ?? 'card',
				paidOn: addDays(today, -20)
			});
		}
		for (const job of demo.jobs ?? []) {
			await addVendorJob(services, actor, card.id, {
				vendorId: vendors.get(job.vendor),
				description: job.description,
				sentOn: addDays(today, job.sent),
				expectedOn: addDays(today, job.expected),
				costCents: job.cost * 100
			});
		}
		for (const description of demo.waitingOn ?? []) {
			await addBlocker(services, actor, card.id, { description });
		}
		if (demo.stage !== 'intake') {
			(
				await moveOrder(services, actor, card.id, {
					stage: demo.stage,
					afterId: lastInStage.get(demo.stage) ?? null,
					version: card.version
				})
			).card;
		}
		lastInStage.set(demo.stage, card.id);
	}
	return DEMO.length;
}

/** Demo staff, one per role. Their passwords are in the README: a demo database is not for real use. */
export const DEMO_STAFF = [
	{ username: 'avery', name: 'Avery Stone', role: 'owner', password: 'demo-owner-pass' },
	{ username: 'morgan', name: 'Morgan Lee', role: 'manager', password: 'demo-manager-pass' },
	{ username: 'sam', name: 'Sam Ortiz', role: 'staff', password: 'demo-staff-pass' },
	{ username: 'elena', name: 'Elena Novak', role: 'bench', password: 'demo-bench-pass' }
] as const;

export async function seedDemoStaff(services: Services, actor: Actor): Promise<void> {
	for (const staff of DEMO_STAFF) {
		const [exists] = await services.db.sql`select 1 from users where username = ${staff.username}`;
		if (!exists) await createAccount(services, actor, staff);
	}
	await services.db.sql`update settings set demo = true`;
}

import { todayIn } from '../due';
import type { BoardStage } from '../stages';
import type { Actor } from './events';
import { createAccount } from './auth/accounts';
import { createOrder, moveOrder } from './orders';
import type { Services } from './services';
import { readSettings } from './settings';

interface DemoOrder {
	customer: [given: string, family: string, phone: string, email: string];
	title: string;
	stage: BoardStage;
	/** Days from today; negative is overdue; null is no due date. */
	due: number | null;
	rush?: boolean;
	assignee?: string;
}

const DEMO: DemoOrder[] = [
	{
		customer: ['Olivia', 'Bennett', '555-0142', 'olivia.bennett@example.com'],
		title: 'Oval 1.5 ct lab diamond engagement ring, 14k yellow gold',
		stage: 'intake',
		due: 38
	},
	{
		customer: ['Marcus', 'Delgado', '555-0178', 'marcus.d@example.com'],
		title: 'Matching wedding bands, platinum',
		stage: 'intake',
		due: 52
	},
	{
		customer: ['Hannah', 'Okafor', '555-0119', 'hannah.okafor@example.com'],
		title: "Repair and resize grandmother's ring to 6.5",
		stage: 'intake',
		due: 9,
		assignee: 'Sam'
	},
	{
		customer: ['Ethan', 'Cho', '555-0155', 'ethan.cho@example.com'],
		title: 'Emerald-cut sapphire ring with side baguettes, platinum',
		stage: 'design',
		due: 4,
		rush: true,
		assignee: 'Priya'
	},
	{
		customer: ['Grace', 'Whitfield', '555-0133', 'grace.w@example.com'],
		title: "Pendant from grandmother's 0.8 ct diamond, 18k white gold",
		stage: 'design',
		due: 24,
		assignee: 'Priya'
	},
	{
		customer: ['Daniel', 'Ruiz', '555-0161', 'druiz@example.com'],
		title: 'Halo engagement ring, cushion 1.2 ct, 14k rose gold',
		stage: 'design',
		due: 31
	},
	{
		customer: ['Sofia', 'Lindqvist', '555-0187', 'sofia.l@example.com'],
		title: 'Reset heirloom ring into a bezel solitaire',
		stage: 'design',
		due: -3,
		assignee: 'Priya'
	},
	{
		customer: ['James', 'Abernathy', '555-0104', 'j.abernathy@example.com'],
		title: "Men's wedding band, 18k yellow gold, hammered finish",
		stage: 'casting',
		due: 12,
		assignee: 'Luis'
	},
	{
		customer: ['Amara', 'Nwosu', '555-0126', 'amara.n@example.com'],
		title: 'Pear-shaped morganite ring, 14k rose gold',
		stage: 'casting',
		due: 2,
		assignee: 'Luis'
	},
	{
		customer: ['Chloe', 'Martin', '555-0148', 'chloe.martin@example.com'],
		title: 'Emerald engagement ring, 18k yellow gold',
		stage: 'setting',
		due: 6,
		assignee: 'Elena'
	},
	{
		customer: ['Noah', 'Feldman', '555-0170', 'noah.feldman@example.com'],
		title: 'Three-stone anniversary ring, platinum',
		stage: 'setting',
		due: -1,
		assignee: 'Elena'
	},
	{
		customer: ['Isabella', 'Rossi', '555-0183', 'isabella.rossi@example.com'],
		title: 'Diamond stud earrings, 1 ct total, 14k white gold',
		stage: 'setting',
		due: 15
	},
	{
		customer: ['Liam', "O'Connor", '555-0112', 'liam.oconnor@example.com'],
		title: 'Round brilliant solitaire for a proposal',
		stage: 'setting',
		due: 3,
		rush: true,
		assignee: 'Elena'
	},
	{
		customer: ['Maya', 'Patel', '555-0138', 'maya.patel@example.com'],
		title: 'Eternity band with pavé melee, 18k white gold',
		stage: 'polishing',
		due: 0,
		assignee: 'Sam'
	},
	{
		customer: ['Benjamin', 'Hart', '555-0191', 'ben.hart@example.com'],
		title: 'Signet ring with engraved family crest, 14k yellow gold',
		stage: 'polishing',
		due: 8,
		assignee: 'Sam'
	},
	{
		customer: ['Zoe', 'Kaplan', '555-0165', 'zoe.kaplan@example.com'],
		title: 'Tennis bracelet clasp repair and rhodium plating',
		stage: 'inspection',
		due: -2,
		assignee: 'Luis'
	},
	{
		customer: ['Aiden', 'Brooks', '555-0109', 'aiden.brooks@example.com'],
		title: 'Asscher-cut diamond ring, platinum 950',
		stage: 'inspection',
		due: 1
	},
	{
		customer: ['Ella', 'Nakamura', '555-0152', 'ella.nakamura@example.com'],
		title: 'Pearl drop earrings, 14k yellow gold',
		stage: 'ready',
		due: -5
	},
	{
		customer: ['Ruth', 'Goldberg', '555-0174', 'ruth.goldberg@example.com'],
		title: "Remount of mother's ruby into a new setting",
		stage: 'ready',
		due: 0
	},
	{
		customer: ['Owen', 'Fischer', '555-0199', 'owen.fischer@example.com'],
		title: 'Marquise diamond wedding set, 14k white gold',
		stage: 'ready',
		due: null
	}
];

function addDays(isoDate: string, days: number): string {
	const date = new Date(`${isoDate}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/** About twenty realistic open orders across every stage, made through the same commands staff use. */
export async function seedDemoData(services: Services, actor: Actor): Promise<number> {
	const { timeZone } = await readSettings(services.db.sql);
	const today = todayIn(timeZone);
	const lastInStage = new Map<BoardStage, number>();
	for (const demo of DEMO) {
		const [givenName, familyName, phone, email] = demo.customer;
		const card = await createOrder(services, actor, {
			customer: { givenName, familyName, phone, email },
			title: demo.title,
			dueDate: demo.due === null ? null : addDays(today, demo.due),
			rush: demo.rush ?? false,
			assignee: demo.assignee ?? null
		});
		if (demo.stage !== 'intake') {
			await moveOrder(services, actor, card.id, {
				stage: demo.stage,
				afterId: lastInStage.get(demo.stage) ?? null,
				version: card.version
			});
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

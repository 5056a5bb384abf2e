import type { BoardStage } from '../../stages';
import type { PieceType } from '../../words/vocabulary';
import { Random } from './random';
import { addWorkingDays, isoDay, shopDay, shopInstant } from './shop-clock';

/** Who did something in the shop, mapped to a person by the writer. */
export type Hand = 'counter' | 'bench' | 'manager';

export interface PlannedMove {
	stage: BoardStage | 'picked_up';
	at: Date;
	hand: Hand;
}

export interface PlannedOrder {
	/** A new customer, or the index of an earlier order whose customer came back. */
	customer: { givenName: string; familyName: string; phone: string; email: string } | number;
	title: string;
	pieceType: PieceType;
	metal: string;
	rush: boolean;
	dueDate: string;
	assignee: string;
	quotedPriceCents: number;
	/** The first is the order's creation in Intake; the last a pick-up, unless still open. */
	moves: PlannedMove[];
	/** The jeweler was named when work began (an edit of the order). */
	assignedAt: Date | null;
	blockers: { description: string; since: Date; resolvedAt: Date | null }[];
	jobs: {
		vendor: 'casting' | 'stones' | 'engraving' | 'plating';
		description: string;
		sentAt: Date;
		expectedOn: string;
		receivedAt: Date | null;
		costCents: number;
	}[];
	payments: { kind: 'deposit' | 'payment'; amountCents: number; at: Date }[];
}

export interface HistoryOptions {
	orders: number;
	seed: number;
	/** History ends here; nothing is planned after it. */
	now: Date;
	timeZone: string;
	/** Keep orders still in the workshop at `now` (open on the board), or leave them out. */
	keepOpen: boolean;
	/** How far back the first order starts, in days (a year by default). */
	days?: number;
}

/** How each kind of piece travels through the workshop (a repair skips design and casting). */
const ROUTES: Record<PieceType, [BoardStage, number][]> = {
	engagement_ring: [
		['design', 1],
		['casting', 1],
		['setting', 1]
	],
	wedding_band: [
		['design', 0.5],
		['casting', 1],
		['setting', 0.2]
	],
	pendant: [
		['design', 1],
		['casting', 1],
		['setting', 0.6]
	],
	earrings: [
		['design', 1],
		['casting', 1],
		['setting', 1]
	],
	bracelet: [
		['design', 0.5],
		['casting', 1],
		['setting', 0.4]
	],
	remount: [
		['design', 1],
		['casting', 0.8],
		['setting', 1]
	],
	repair: [['setting', 0.3]],
	other: [['design', 0.6]]
};

const MIX: Record<PieceType, number> = {
	engagement_ring: 25,
	wedding_band: 20,
	pendant: 12,
	earrings: 10,
	bracelet: 5,
	remount: 10,
	repair: 15,
	other: 3
};

/** Some pieces take longer than others everywhere. */
const PACE: Record<PieceType, number> = {
	engagement_ring: 1.1,
	wedding_band: 0.7,
	pendant: 0.9,
	earrings: 0.9,
	bracelet: 1,
	remount: 1.2,
	repair: 0.45,
	other: 0.8
};

/** Median working days in each stage, before the piece's pace. */
const STAGE_DAYS: Record<BoardStage, number> = {
	intake: 1.5,
	design: 5,
	casting: 4,
	setting: 3,
	polishing: 1.5,
	inspection: 0.6,
	ready: 3
};

const PRICES: Record<PieceType, [number, number]> = {
	engagement_ring: [3500, 12000],
	wedding_band: [800, 2500],
	pendant: [900, 3500],
	earrings: [700, 4000],
	bracelet: [1200, 5000],
	remount: [1500, 6000],
	repair: [80, 400],
	other: [300, 2000]
};

const TITLES: Record<PieceType, string[]> = {
	engagement_ring: ['Oval solitaire', 'Round halo ring', 'Three-stone ring', 'Cushion hidden halo'],
	wedding_band: ['Comfort-fit band', 'Diamond eternity band', 'Hammered band', 'Matching band'],
	pendant: ['Birthstone pendant', 'Initial pendant', 'Bezel diamond pendant'],
	earrings: ['Diamond studs', 'Sapphire drops', 'Pearl huggies'],
	bracelet: ['Tennis bracelet', 'Bangle with engraving', 'Link bracelet'],
	remount: ['Heirloom diamond reset', 'Grandmother’s ring remount', 'Stone moved to a new band'],
	repair: ['Ring resize', 'Prong retip', 'Chain repair', 'Clasp replacement'],
	other: ['Cufflinks', 'Brooch restoration', 'Charm']
};

const METALS = [
	'14k yellow gold',
	'14k white gold',
	'18k yellow gold',
	'18k rose gold',
	'platinum'
];
const GIVEN = [
	'Ava',
	'Nora',
	'Omar',
	'Lena',
	'Ravi',
	'Mateo',
	'Ingrid',
	'Kenji',
	'Fatima',
	'Lucas',
	'Hana',
	'Diego',
	'Theo',
	'Jonah',
	'Anya',
	'Felix',
	'Malik',
	'Iris',
	'Tomas',
	'Elif',
	'Wren',
	'Soren',
	'Leila',
	'Arjun',
	'Mei',
	'Pablo',
	'Yara',
	'Emil',
	'Rosa',
	'Kofi'
];
const FAMILY = [
	'Alvarez',
	'Chen',
	'Dubois',
	'Eriksen',
	'Garcia',
	'Haddad',
	'Ito',
	'Jensen',
	'Kowalski',
	'Larsen',
	'Moreau',
	'Quinn',
	'Santos',
	'Turner',
	'Uddin',
	'Varga',
	'Walsh',
	'Xu',
	'Yilmaz',
	'Zimmer',
	'Castillo',
	'Dimitrov',
	'Ferreira',
	'Lindgren',
	'Mbeki',
	'Norgaard',
	'Oyelaran',
	'Petrov',
	'Sato',
	'Vance'
];
const JEWELERS = ['Elena', 'Luis', 'Priya', 'Sam'];

/** A year (by default) of a shop's finished work, the same for the same options. */
export function planHistory(options: HistoryOptions): PlannedOrder[] {
	const random = new Random(options.seed);
	const { timeZone } = options;
	const lastDay = shopDay(options.now, timeZone);
	const firstDay = lastDay - (options.days ?? 365);
	const created = Array.from(
		{ length: options.orders },
		() => firstDay + random.next() * (lastDay - firstDay)
	).sort((a, b) => a - b);
	const planned: PlannedOrder[] = [];
	for (const [index, start] of created.entries()) {
		const order = planOrder(random, index, start, firstDay, lastDay, options, planned.length);
		if (!order) continue;
		const last = order.moves.at(-1)!;
		if (!options.keepOpen && last.stage !== 'picked_up') continue;
		planned.push(order);
	}
	return planned;
}

function planOrder(
	random: Random,
	index: number,
	start: number,
	firstDay: number,
	lastDay: number,
	options: HistoryOptions,
	earlier: number
): PlannedOrder | null {
	const { timeZone, now } = options;
	const pieceType = random.weighted(MIX);
	const rush = pieceType !== 'repair' && random.chance(0.12);
	// The shop gets faster over the year: a fifth slower at the start, a tenth faster at the end.
	const trend = 1.2 - 0.3 * ((start - firstDay) / Math.max(1, lastDay - firstDay));
	const pace = PACE[pieceType] * trend * (rush ? 0.55 : 1);
	const clock = new Clock(random, Math.floor(start), timeZone);
	const createdAt = clock.at();
	if (createdAt > now) return null;
	const route: BoardStage[] = ['intake'];
	for (const [stage, chance] of ROUTES[pieceType]) if (random.chance(chance)) route.push(stage);
	route.push('polishing', 'inspection', 'ready');

	const order: PlannedOrder = {
		customer:
			earlier > 10 && random.chance(0.15)
				? random.int(0, earlier - 1)
				: // Names and phone endings the demo's open orders do not use, so a search for one of
					// those customers still finds only them.
					{
						givenName: random.pick(GIVEN),
						familyName: random.pick(FAMILY),
						phone: `555-${String(random.int(200, 999)).padStart(3, '0')}-${String(random.int(2000, 9999))}`,
						email: `customer${index + 1}@example.com`
					},
		title: `${random.pick(TITLES[pieceType])}`,
		pieceType,
		metal: random.pick(METALS),
		rush,
		dueDate: isoDay(
			addWorkingDays(Math.floor(start), rush ? random.int(8, 14) : random.int(18, 40))
		),
		assignee: random.pick(JEWELERS),
		quotedPriceCents: random.int(PRICES[pieceType][0], PRICES[pieceType][1]) * 100,
		moves: [{ stage: 'intake', at: createdAt, hand: 'counter' }],
		assignedAt: null,
		blockers: [],
		jobs: [],
		payments: []
	};
	if (pieceType !== 'repair') {
		order.title = `${order.title} in ${order.metal}`;
		order.payments.push({
			kind: 'deposit',
			amountCents: Math.round(order.quotedPriceCents / 200) * 100,
			at: createdAt
		});
	}

	let position = 0;
	let reworked = false;
	while (position < route.length) {
		const stage = route[position];
		const entered = clock.at();
		let days = random.logNormal(STAGE_DAYS[stage] * (stage === 'ready' ? 1 : pace), 0.55);
		const wait = waitIn(random, order, stage, pieceType);
		if (wait) {
			const since = clock.later(0.3);
			const resolvedAt = clock.later(wait.days);
			order.blockers.push({ description: wait.description, since, resolvedAt });
			if (wait.vendor)
				order.jobs.push({
					vendor: wait.vendor,
					description: wait.description.replace(/^Waiting on /, ''),
					sentAt: since,
					expectedOn: isoDay(addWorkingDays(shopDay(since, timeZone), Math.ceil(wait.days * 0.8))),
					receivedAt: resolvedAt,
					costCents: random.int(40, 400) * 100
				});
			days = Math.max(0.3, days - wait.days);
		}
		if (stage === 'design' && order.assignedAt === null) order.assignedAt = entered;
		clock.advance(days);
		// Rework: inspection sends a piece back to polishing (or setting); a failed cast back to design.
		let next = position + 1;
		if (!reworked && stage === 'inspection' && random.chance(0.1)) {
			next =
				route.includes('setting') && random.chance(0.4)
					? route.indexOf('setting')
					: route.indexOf('polishing');
			reworked = true;
		} else if (
			!reworked &&
			stage === 'casting' &&
			route.includes('design') &&
			random.chance(0.05)
		) {
			next = route.indexOf('design');
			reworked = true;
		}
		const target = next < route.length ? route[next] : 'picked_up';
		const at = clock.at();
		if (at > now) break;
		order.moves.push({
			stage: target,
			at,
			hand:
				target === 'picked_up' || target === 'ready'
					? 'counter'
					: stage === 'inspection'
						? 'manager'
						: 'bench'
		});
		if (target === 'picked_up' && pieceType !== 'repair')
			order.payments.push({
				kind: 'payment',
				amountCents: order.quotedPriceCents - order.payments[0].amountCents,
				at
			});
		if (target === 'picked_up' && pieceType === 'repair')
			order.payments.push({ kind: 'payment', amountCents: order.quotedPriceCents, at });
		position = next;
	}
	if (order.assignedAt === null && order.moves.length > 1) order.assignedAt = order.moves[1].at;
	// What happens after `now` has not happened yet.
	if (order.assignedAt && order.assignedAt > now) order.assignedAt = null;
	order.blockers = order.blockers
		.filter((blocker) => blocker.since <= now)
		.map((blocker) => (blocker.resolvedAt! > now ? { ...blocker, resolvedAt: null } : blocker));
	order.jobs = order.jobs
		.filter((job) => job.sentAt <= now)
		.map((job) => (job.receivedAt! > now ? { ...job, receivedAt: null } : job));
	order.payments = order.payments.filter((payment) => payment.at <= now);
	return order;
}

/** What a stage waits on, now and then: a customer, a dealer, a vendor. */
function waitIn(
	random: Random,
	order: PlannedOrder,
	stage: BoardStage,
	pieceType: PieceType
): { description: string; days: number; vendor?: PlannedOrder['jobs'][number]['vendor'] } | null {
	const stones =
		pieceType === 'engagement_ring' || pieceType === 'remount' || pieceType === 'earrings';
	if (stage === 'intake' && random.chance(0.15))
		return { description: 'Waiting on deposit', days: random.logNormal(2, 0.6) };
	if (stage === 'design' && random.chance(0.4))
		return { description: 'CAD approval from the customer', days: random.logNormal(3, 0.7) };
	if (stage === 'design' && stones && random.chance(0.35))
		return {
			description: 'Waiting on center stone from dealer',
			days: random.logNormal(5, 0.6),
			vendor: 'stones'
		};
	if (stage === 'casting' && random.chance(0.7))
		return {
			description: 'Casting at the casting house',
			days: random.logNormal(4, 0.4),
			vendor: 'casting'
		};
	if (stage === 'setting' && random.chance(0.1))
		return {
			description: 'Waiting on side stones',
			days: random.logNormal(3, 0.6),
			vendor: 'stones'
		};
	if (
		stage === 'polishing' &&
		(pieceType === 'bracelet' || pieceType === 'wedding_band') &&
		random.chance(0.3)
	)
		return {
			description: 'Engraving at the vendor',
			days: random.logNormal(3, 0.5),
			vendor: 'engraving'
		};
	if (stage === 'polishing' && order.metal.includes('white') && random.chance(0.5))
		return { description: 'Rhodium plating', days: random.logNormal(2, 0.5), vendor: 'plating' };
	if (stage === 'ready' && random.chance(0.08))
		return { description: 'Customer to schedule pickup', days: random.logNormal(6, 0.6) };
	return null;
}

/** Working days in the shop: things happen on weekdays between 9:30 and 17:30, shop time. */
class Clock {
	#day: number;
	#hours: number;
	constructor(
		private random: Random,
		day: number,
		private timeZone: string
	) {
		this.#day = addWorkingDays(day, 0);
		this.#hours = 9.5 + random.next() * 8;
	}

	at(): Date {
		return shopInstant(this.#day, this.#hours, this.timeZone);
	}

	/** Moves on `days` working days, to an opening hour later than now when it is the same day. */
	advance(days: number): void {
		const whole = Math.floor(days);
		const day = addWorkingDays(this.#day, whole);
		const hours = 9.5 + this.random.next() * 8;
		if (day === this.#day) {
			this.#hours = Math.min(17.9, this.#hours + 0.1 + (days - whole) * 8);
		} else {
			this.#day = day;
			this.#hours = hours;
		}
	}

	/** The instant `days` working days on (the clock itself moves there). */
	later(days: number): Date {
		this.advance(days);
		return this.at();
	}
}

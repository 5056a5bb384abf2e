import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import { eventsAfter } from '../../src/lib/server/events';
import { getOrder } from '../../src/lib/server/order-record';
import { createOrder, moveOrder, updateOrder } from '../../src/lib/server/orders';
import { pickUpOrder } from '../../src/lib/server/release';
import type { StartedServices } from '../../src/lib/server/start';
import { addStone, updateStone } from '../../src/lib/server/stones';
import { undoChange } from '../../src/lib/server/undo';
import { addVendorJob, updateVendorJob } from '../../src/lib/server/vendor-jobs';
import { createVendor } from '../../src/lib/server/vendors';
import type { OrderCard } from '../../src/lib/types';
import { backends } from '../helpers/services';

/**
 * Two people send a change naming the same version at the same moment: exactly one wins and the
 * other gets a 409, on every versioned command. On a PostgreSQL server the two run on their own
 * connections at once, which is where a stale version once slipped through (version + 2).
 */
describe.each(backends)('changes that name the same version on $name', (backend) => {
	let services: StartedServices;
	const actor = () => services.shopActor;
	let caster: number;
	beforeAll(async () => {
		services = await backend.start();
		caster = (
			await createVendor(services.db.sql, actor(), {
				name: 'Pacific Casting House',
				kind: 'casting'
			})
		).id;
	});
	afterAll(() => services?.stop());

	const newOrder = (i: number) =>
		createOrder(services, actor(), {
			customer: { givenName: 'Ottilie', familyName: `Vantrelle ${i}` },
			title: `Emerald-cut sapphire ring ${i}`
		}).then(({ card }) => card);

	/** Runs `pairs` pairs of conflicting changes; each pair must end one done, one refused with 409. */
	async function eachPairOneWins(
		pairs: number,
		setUp: (i: number) => Promise<unknown>,
		change: (subject: unknown, side: 0 | 1) => Promise<unknown>
	) {
		const subjects = await Promise.all(Array.from({ length: pairs }, (_, i) => setUp(i)));
		const outcomes = await Promise.all(
			subjects.map((subject) =>
				Promise.all(
					([0, 1] as const).map((side) =>
						change(subject, side).then(
							() => 'done',
							(error: unknown) => {
								if (error instanceof DomainError && error.status === 409) return 'conflict';
								throw error;
							}
						)
					)
				)
			)
		);
		for (const outcome of outcomes) expect(outcome.sort()).toEqual(['conflict', 'done']);
	}

	it('moves of one card into two stages', async () => {
		await eachPairOneWins(
			10,
			(i) => newOrder(i),
			(card, side) =>
				moveOrder(services, actor(), (card as OrderCard).id, {
					stage: side ? 'design' : 'casting',
					afterId: null,
					version: (card as OrderCard).version
				})
		);
	});

	it('edits of two different fields of one order', async () => {
		await eachPairOneWins(
			10,
			(i) => newOrder(100 + i),
			(card, side) =>
				updateOrder(services, actor(), (card as OrderCard).id, {
					version: (card as OrderCard).version,
					...(side ? { rush: true } : { title: 'Oval solitaire, 14k yellow gold' })
				})
		);
	});

	it('a pickup beside a move back', async () => {
		await eachPairOneWins(
			5,
			async (i) => {
				const card = await newOrder(200 + i);
				return moveOrder(services, actor(), card.id, {
					stage: 'ready',
					afterId: null,
					version: card.version
				}).then(({ card }) => card);
			},
			(card, side) => {
				const { id, version } = card as OrderCard;
				return side
					? pickUpOrder(services, actor(), id, { version })
					: moveOrder(services, actor(), id, { stage: 'inspection', afterId: null, version });
			}
		);
	});

	it('two undos of one move', async () => {
		await eachPairOneWins(
			5,
			async (i) => {
				const card = await newOrder(500 + i);
				(
					await moveOrder(services, actor(), card.id, {
						stage: 'design',
						afterId: null,
						version: card.version
					})
				).card;
				const { events } = await eventsAfter(services.db.sql, 0, 100_000);
				return { orderId: card.id, seq: events.findLast((e) => e.orderId === card.id)!.seq };
			},
			(subject) => {
				const { orderId, seq } = subject as { orderId: number; seq: number };
				return undoChange(services, actor(), orderId, { seq });
			}
		);
	});

	it('edits of one stone', async () => {
		await eachPairOneWins(
			10,
			async (i) => {
				const card = await newOrder(300 + i);
				await addStone(services, actor(), card.id, {
					role: 'center',
					source: 'store',
					gem: 'Sapphire'
				});
				const [stone] = (await getOrder(services.db.sql, actor(), card.id)).stones;
				return { orderId: card.id, stone };
			},
			(subject, side) => {
				const { orderId, stone } = subject as {
					orderId: number;
					stone: { id: number; version: number };
				};
				return updateStone(services, actor(), orderId, stone.id, {
					version: stone.version,
					...(side ? { shape: 'emerald' } : { carats: 2.1 })
				});
			}
		);
	});

	it('edits of one outside job', async () => {
		await eachPairOneWins(
			10,
			async (i) => {
				const card = await newOrder(400 + i);
				await addVendorJob(services, actor(), card.id, {
					vendorId: caster,
					description: 'Cast in platinum',
					sentOn: '2026-11-20'
				});
				const [job] = (await getOrder(services.db.sql, actor(), card.id)).vendorJobs;
				return { orderId: card.id, job };
			},
			(subject, side) => {
				const { orderId, job } = subject as {
					orderId: number;
					job: { id: number; version: number };
				};
				return updateVendorJob(services, actor(), orderId, job.id, {
					version: job.version,
					...(side ? { expectedOn: '2026-11-27' } : { description: 'Cast in 18k white gold' })
				});
			}
		);
	});
});

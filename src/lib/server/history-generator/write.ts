import { generateNKeysBetween } from 'fractional-indexing';
import type { BoardStage } from '../../stages';
import type { Sql, Tx } from '../db';
import { newStatusToken } from '../updates/status-link';
import { transaction } from '../transaction';
import { eventHash } from './event-hash';
import type { Hand, PlannedOrder } from './plan';

/** Who does what in the history: a person's id for each kind of hand, and the vendors' ids by kind. */
export interface HistoryCast {
	hands: Record<Hand, { id: number; name: string }[]>;
	vendors: Record<PlannedOrder['jobs'][number]['vendor'], number>;
}

interface NewEvent {
	orderId: number | null;
	customerId: number | null;
	type: string;
	actorId: number;
	payload: unknown;
	createdAt: Date;
}

const iso = (date: Date) => date.toISOString();
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Writes planned orders into the real tables and the hash-chained log, one transaction per call,
 * a few statements per table (arrays unnested, not a statement per row). Seqs are taken from the
 * counter under its lock, as `appendEvent` does, so the log stays gap-free in commit order; the
 * events of the batch get them in time order. The stage_visits trigger sees each order's whole
 * history in one insert. `customerIds` maps earlier orders' indexes to their customer (a returning
 * customer) and grows with this batch.
 */
export async function writeHistoryBatch(
	sql: Sql,
	plans: PlannedOrder[],
	firstIndex: number,
	cast: HistoryCast,
	customerIds: Map<number, { id: number; name: string }>
): Promise<{ orders: number; events: number }> {
	return transaction(sql, async (tx) => {
		await quietly(tx);
		const hand = (kind: Hand, index: number) => {
			const people = cast.hands[kind];
			return people[index % people.length];
		};
		const newCustomers = plans.flatMap((plan, i) =>
			typeof plan.customer === 'number' ? [] : [{ index: firstIndex + i, plan }]
		);
		const customerRows = await nextIds(tx, 'customers_id_seq', newCustomers.length);
		const events: NewEvent[] = [];
		for (const [k, { index, plan }] of newCustomers.entries()) {
			const customer = plan.customer as Exclude<PlannedOrder['customer'], number>;
			const id = customerRows[k];
			customerIds.set(index, { id, name: `${customer.givenName} ${customer.familyName}` });
			events.push({
				orderId: null,
				customerId: id,
				type: 'customer.created',
				actorId: hand('counter', index).id,
				createdAt: plan.moves[0].at,
				payload: {
					before: null,
					after: {},
					detail: {
						before: null,
						after: {
							id,
							givenName: customer.givenName,
							familyName: customer.familyName,
							phone: customer.phone,
							email: customer.email,
							preferredContact: 'call'
						}
					}
				}
			});
		}
		await tx`
			insert into customers (id, given_name, family_name, phone, email, created_at, updated_at)
			select * from unnest(
				${customerRows}::int[],
				${newCustomers.map(({ plan }) => (plan.customer as { givenName: string }).givenName)}::text[],
				${newCustomers.map(({ plan }) => (plan.customer as { familyName: string }).familyName)}::text[],
				${newCustomers.map(({ plan }) => (plan.customer as { phone: string }).phone)}::text[],
				${newCustomers.map(({ plan }) => (plan.customer as { email: string }).email)}::text[],
				${newCustomers.map(({ plan }) => iso(plan.moves[0].at))}::timestamptz[],
				${newCustomers.map(({ plan }) => iso(plan.moves[0].at))}::timestamptz[]
			)`;

		const orderIds = await nextIds(tx, 'orders_id_seq', plans.length);
		// Generated orders are the shop's first store's, as the orders' column defaults make them.
		const [{ store }] = await tx<{ store: number }[]>`select default_location() as store`;
		const numbers = await nextIds(tx, 'order_number_seq', plans.length);
		const openKeys = await keysForOpen(tx, plans);
		const blockerRows: unknown[][] = [];
		const jobRows: unknown[][] = [];
		const paymentRows: unknown[][] = [];
		const blockerIds = await nextIds(
			tx,
			'blockers_id_seq',
			plans.reduce((n, p) => n + p.blockers.length, 0)
		);
		const jobIds = await nextIds(
			tx,
			'vendor_jobs_id_seq',
			plans.reduce((n, p) => n + p.jobs.length, 0)
		);
		const paymentIds = await nextIds(
			tx,
			'payments_id_seq',
			plans.reduce((n, p) => n + p.payments.length, 0)
		);
		const orderRows = plans.map((plan, i) => {
			const index = firstIndex + i;
			const id = orderIds[i];
			const number = `CO-${numbers[i]}`;
			// A returning customer is the customer of an earlier order (itself maybe a returning one).
			const customer = customerIds.get(typeof plan.customer === 'number' ? plan.customer : index)!;
			customerIds.set(index, customer);
			const shortName = `${customer.name.split(' ')[0]} ${customer.name.split(' ').at(-1)![0]}.`;
			let version = 1;
			const created = plan.moves[0];
			const card = {
				id,
				number,
				title: plan.title,
				stage: 'intake',
				orderKey: 'a0',
				version,
				dueDate: plan.dueDate,
				rush: plan.rush,
				assignee: null,
				customerId: customer.id,
				customerName: customer.name,
				customerShortName: shortName,
				pieceType: plan.pieceType,
				occasion: null,
				stageEnteredAt: iso(created.at),
				firstBlocker: null,
				customerStones: 0,
				customerItems: 0,
				intakeLocationId: store,
				pickupLocationId: store,
				locationId: store,
				transitFromId: null,
				transitToId: null,
				transitSince: null
			};
			const orderEvents: NewEvent[] = [
				{
					orderId: id,
					customerId: null,
					type: 'order.created',
					actorId: hand('counter', index).id,
					createdAt: created.at,
					payload: {
						before: null,
						after: card,
						detail: {
							before: null,
							after: { metal: plan.metal, quotedPriceCents: plan.quotedPriceCents }
						}
					}
				}
			];
			const later: NewEvent[] = [];
			for (const [k, payment] of plan.payments.entries()) {
				const paymentId = paymentIds[paymentRows.length];
				const taker = hand('counter', index + k);
				paymentRows.push([
					paymentId,
					id,
					payment.kind,
					payment.amountCents,
					'card',
					isoDate(payment.at),
					taker.id,
					iso(payment.at)
				]);
				later.push({
					orderId: id,
					customerId: null,
					type: 'payment.recorded',
					actorId: taker.id,
					createdAt: payment.at,
					payload: {
						before: {},
						after: {},
						detail: {
							before: null,
							after: {
								id: paymentId,
								kind: payment.kind,
								amountCents: payment.amountCents,
								method: 'card',
								paidOn: isoDate(payment.at)
							}
						}
					}
				});
			}
			for (const blocker of plan.blockers) {
				const blockerId = blockerIds[blockerRows.length];
				const by = hand('bench', index + blockerRows.length);
				blockerRows.push([
					blockerId,
					id,
					blocker.description,
					iso(blocker.since),
					by.id,
					blocker.resolvedAt && iso(blocker.resolvedAt),
					blocker.resolvedAt && by.id
				]);
				later.push({
					orderId: id,
					customerId: null,
					type: 'blocker.added',
					actorId: by.id,
					createdAt: blocker.since,
					payload: {
						before: { firstBlocker: null },
						after: { firstBlocker: blocker.description },
						detail: {
							before: null,
							after: { id: blockerId, description: blocker.description, since: iso(blocker.since) }
						}
					}
				});
				if (blocker.resolvedAt)
					later.push({
						orderId: id,
						customerId: null,
						type: 'blocker.resolved',
						actorId: by.id,
						createdAt: blocker.resolvedAt,
						payload: {
							before: { firstBlocker: blocker.description },
							after: { firstBlocker: null },
							detail: {
								before: { id: blockerId, description: blocker.description, resolvedAt: null },
								after: {
									id: blockerId,
									description: blocker.description,
									resolvedAt: iso(blocker.resolvedAt)
								}
							}
						}
					});
			}
			for (const job of plan.jobs) {
				const jobId = jobIds[jobRows.length];
				const by = hand('counter', index + jobRows.length);
				const row = {
					id: jobId,
					orderId: id,
					vendorId: cast.vendors[job.vendor],
					description: job.description,
					sentOn: isoDate(job.sentAt),
					expectedOn: job.expectedOn,
					receivedOn: job.receivedAt && isoDate(job.receivedAt),
					costCents: job.costCents,
					version: job.receivedAt ? 2 : 1
				};
				jobRows.push([
					jobId,
					id,
					row.vendorId,
					row.description,
					row.sentOn,
					row.expectedOn,
					row.receivedOn,
					row.costCents,
					row.version,
					iso(job.sentAt)
				]);
				later.push({
					orderId: id,
					customerId: null,
					type: 'vendor_job.added',
					actorId: by.id,
					createdAt: job.sentAt,
					payload: {
						before: {},
						after: {},
						detail: { before: null, after: { ...row, receivedOn: null, version: 1 } }
					}
				});
				if (job.receivedAt)
					later.push({
						orderId: id,
						customerId: null,
						type: 'vendor_job.updated',
						actorId: by.id,
						createdAt: job.receivedAt,
						payload: {
							before: {},
							after: {},
							detail: {
								before: { receivedOn: null, version: 1 },
								after: { receivedOn: row.receivedOn, version: 2 }
							}
						}
					});
			}
			// The card's own changes, in time order with the rest, each one version on.
			const changes: { at: Date; make: () => NewEvent }[] = [];
			if (plan.assignedAt)
				changes.push({
					at: plan.assignedAt,
					make: () => ({
						orderId: id,
						customerId: null,
						type: 'order.updated',
						actorId: hand('manager', index).id,
						createdAt: plan.assignedAt!,
						payload: {
							before: { assignee: null, version },
							after: { assignee: plan.assignee, version: ++version }
						}
					})
				});
			let stage = 'intake';
			let enteredAt = created.at;
			for (const move of plan.moves.slice(1)) {
				changes.push({
					at: move.at,
					make: () => {
						const before = { stage, orderKey: 'a0', version, stageEnteredAt: iso(enteredAt) };
						const pickedUp = move.stage === 'picked_up';
						const after = {
							stage: move.stage,
							orderKey: pickedUp ? null : 'a0',
							version: ++version,
							stageEnteredAt: iso(move.at)
						};
						stage = move.stage;
						enteredAt = move.at;
						const who = hand(move.hand, index + version);
						return {
							orderId: id,
							customerId: null,
							type: pickedUp ? 'order.picked_up' : 'order.moved',
							actorId: who.id,
							createdAt: move.at,
							payload: pickedUp
								? {
										before,
										after,
										detail: {
											before: null,
											after: {
												releasedBy: who.name,
												balanceCents: 0,
												overrideReason: null,
												itemsReturned: []
											}
										}
									}
								: { before, after }
						};
					}
				});
			}
			changes.sort((a, b) => a.at.getTime() - b.at.getTime());
			for (const change of changes) later.push(change.make());
			later.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
			events.push(...orderEvents, ...later);
			const last = plan.moves.at(-1)!;
			const open = last.stage !== 'picked_up';
			const finalAt = later.at(-1)?.createdAt ?? created.at;
			const status = newStatusToken();
			return [
				id,
				number,
				customer.id,
				plan.title,
				last.stage,
				open ? openKeys.get(i)! : null,
				version,
				plan.dueDate,
				plan.rush,
				plan.assignedAt ? plan.assignee : null,
				iso(created.at),
				iso(finalAt),
				iso(last.at),
				plan.pieceType,
				plan.metal,
				plan.quotedPriceCents,
				status.statusToken,
				status.statusTokenHash
			];
		});
		const column = (rows: unknown[][], i: number) =>
			rows.map((row) => row[i]) as (string | number | null)[];
		await tx`
			insert into orders (id, number, customer_id, title, stage, order_key, version, due_date, rush,
				assignee, created_at, updated_at, stage_entered_at, piece_type, metal, quoted_price_cents,
				status_token, status_token_hash)
			select * from unnest(
				${column(orderRows, 0)}::int[], ${column(orderRows, 1)}::text[], ${column(orderRows, 2)}::int[],
				${column(orderRows, 3)}::text[], ${column(orderRows, 4)}::text[], ${column(orderRows, 5)}::text[],
				${column(orderRows, 6)}::int[], ${column(orderRows, 7)}::date[], ${column(orderRows, 8).map(String)}::text[]::bool[],
				${column(orderRows, 9)}::text[], ${column(orderRows, 10)}::timestamptz[],
				${column(orderRows, 11)}::timestamptz[], ${column(orderRows, 12)}::timestamptz[],
				${column(orderRows, 13)}::text[], ${column(orderRows, 14)}::text[], ${column(orderRows, 15)}::bigint[],
				${column(orderRows, 16)}::text[], ${column(orderRows, 17)}::text[]
			)`;
		if (paymentRows.length)
			await tx`
				insert into payments (id, order_id, kind, amount_cents, method, paid_on, taken_by, created_at)
				select * from unnest(
					${column(paymentRows, 0)}::int[], ${column(paymentRows, 1)}::int[], ${column(paymentRows, 2)}::text[],
					${column(paymentRows, 3)}::bigint[], ${column(paymentRows, 4)}::text[], ${column(paymentRows, 5)}::date[],
					${column(paymentRows, 6)}::int[], ${column(paymentRows, 7)}::timestamptz[]
				)`;
		if (blockerRows.length)
			await tx`
				insert into blockers (id, order_id, description, since, created_by, resolved_at, resolved_by)
				select * from unnest(
					${column(blockerRows, 0)}::int[], ${column(blockerRows, 1)}::int[], ${column(blockerRows, 2)}::text[],
					${column(blockerRows, 3)}::timestamptz[], ${column(blockerRows, 4)}::int[],
					${column(blockerRows, 5)}::timestamptz[], ${column(blockerRows, 6)}::int[]
				)`;
		if (jobRows.length)
			await tx`
				insert into vendor_jobs (id, order_id, vendor_id, description, sent_on, expected_on, received_on,
					cost_cents, version, created_at)
				select * from unnest(
					${column(jobRows, 0)}::int[], ${column(jobRows, 1)}::int[], ${column(jobRows, 2)}::int[],
					${column(jobRows, 3)}::text[], ${column(jobRows, 4)}::date[], ${column(jobRows, 5)}::date[],
					${column(jobRows, 6)}::date[], ${column(jobRows, 7)}::bigint[], ${column(jobRows, 8)}::int[],
					${column(jobRows, 9)}::timestamptz[]
				)`;
		await appendInBulk(tx, events);
		return { orders: plans.length, events: events.length };
	});
}

/**
 * Past events wake nobody: where the database lets us (a superuser, as embedded always is), the
 * batch runs as a replica session, so the per-event NOTIFY to other processes (0014) and the
 * foreign-key checks of rows made consistent here are skipped; stage_visits' trigger fires always
 * (0018). Write history with the server stopped, as with `npm run seed`.
 */
async function quietly(tx: Tx): Promise<void> {
	const [{ superuser }] = await tx<{ superuser: boolean }[]>`
		select rolsuper as superuser from pg_roles where rolname = current_user`;
	if (superuser) await tx`set local session_replication_role = replica`;
}

/** `count` values of a sequence, taken at once. */
async function nextIds(tx: Tx, sequence: string, count: number): Promise<number[]> {
	if (count === 0) return [];
	const rows = await tx<{ id: number }[]>`
		select nextval(${sequence}::regclass)::int as id from generate_series(1, ${count})`;
	return rows.map((row) => row.id);
}

/** Keys after the last card of each stage for the orders still open (their place on the board). */
async function keysForOpen(tx: Tx, plans: PlannedOrder[]): Promise<Map<number, string>> {
	const byStage = new Map<string, number[]>();
	plans.forEach((plan, i) => {
		const stage = plan.moves.at(-1)!.stage;
		if (stage === 'picked_up') return;
		byStage.set(stage, [...(byStage.get(stage) ?? []), i]);
	});
	const keys = new Map<number, string>();
	for (const [stage, indexes] of byStage) {
		const [last] = await tx<{ orderKey: string }[]>`
			select order_key from orders where stage = ${stage as BoardStage} and order_key is not null
			order by order_key desc limit 1`;
		const made = generateNKeysBetween(last?.orderKey ?? null, null, indexes.length);
		indexes.forEach((i, k) => keys.set(i, made[k]));
	}
	return keys;
}

/**
 * The events in time order, each with the next seq and its chain's hash, in one insert. Each is
 * filed under the shop's first store, where the generator's orders are.
 */
async function appendInBulk(tx: Tx, events: NewEvent[]): Promise<void> {
	if (events.length === 0) return;
	events.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
	const [{ last }] = await tx<{ last: number }[]>`
		update event_counter set last_seq = last_seq + ${events.length} returning last_seq::int as last`;
	const first = last - events.length + 1;
	const heads = new Map<string, string>();
	const rows = events.map((event, i) => {
		const chain = event.orderId !== null ? `o${event.orderId}` : `c${event.customerId}`;
		const prevHash = heads.get(chain) ?? null;
		const seq = first + i;
		const hash = eventHash({ ...event, prevHash, seq });
		heads.set(chain, hash);
		return { ...event, seq, prevHash, hash };
	});
	await tx`
		insert into order_events (seq, order_id, customer_id, type, actor_id, payload, created_at, prev_hash, hash,
			location_ids)
		select seq, order_id, customer_id, type, actor_id, payload::jsonb, created_at, prev_hash, hash,
			array[default_location()]
		from unnest(
			${rows.map((r) => r.seq)}::bigint[], ${rows.map((r) => r.orderId)}::int[],
			${rows.map((r) => r.customerId)}::int[], ${rows.map((r) => r.type)}::text[],
			${rows.map((r) => r.actorId)}::int[], ${rows.map((r) => JSON.stringify(r.payload))}::text[],
			${rows.map((r) => iso(r.createdAt))}::timestamptz[], ${rows.map((r) => r.prevHash)}::text[],
			${rows.map((r) => r.hash)}::text[]
		) as e(seq, order_id, customer_id, type, actor_id, payload, created_at, prev_hash, hash)
		order by seq`;
}

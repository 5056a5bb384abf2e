import type { TransferDetail } from '../events';
import { travelsFrom } from '../transfers';
import type { Holder, OrderCard } from '../types';
import type { WeightUnit } from '../words/vocabulary';
import { receiveTransferSchema, sendTransferSchema } from '../validation';
import { requirePermission } from './auth/roles';
import { cardDifference, lockOrder, readCard, runCommand } from './commands';
import { lockItemsInCare, passItem, type ItemRow } from './custody';
import type { Tx } from './db';
import { conflict, invalid, parseInput } from './errors';
import { appendEvent, type Actor } from './events';
import type { Services } from './services';

/**
 * Sending the piece from one location to another (a store to the workshop and back): a custody
 * hand-off "in transit", with who sent it, who received it and what the customer's items weighed.
 */

type Weighed = { id: number; weight?: number | null }[] | undefined;

/** The travelling items as the event records them: each with the weight read for it, if any. */
function weighed(
	items: { id: number; description: string; weightUnit: WeightUnit }[],
	weights: Map<number, number | null>
) {
	return items.map((item) => ({
		id: item.id,
		description: item.description,
		weight: weights.get(item.id) ?? null,
		weightUnit: item.weightUnit
	}));
}

/** The destination's name while it is open, held so it cannot be archived before this commits. */
async function openLocationName(tx: Tx, id: number): Promise<string | null> {
	const [location] = await tx<{ name: string; archived: boolean }[]>`
		select name, archived_at is not null as archived from locations where id = ${id} for share`;
	return location && !location.archived ? location.name : null;
}

/**
 * The weight typed for each travelling item; an item named that does not travel is refused, so a
 * weighing is never recorded against the wrong thing.
 */
function weightsFor(items: ItemRow[], weighed: Weighed): Map<number, number | null> {
	const weights = new Map<number, number | null>();
	for (const [index, entry] of (weighed ?? []).entries()) {
		if (!items.some((item) => item.id === entry.id)) {
			throw invalid(`items[${index}].id`, `${entry.id} is not an item travelling with the piece`);
		}
		weights.set(entry.id, entry.weight ?? null);
	}
	return weights;
}

/** The event of a transfer with the card's fields it changed, inside the transaction. */
async function appendTransferEvent(
	tx: Tx,
	actor: Actor,
	card: OrderCard,
	type: 'order.transfer_sent' | 'order.transfer_received',
	transfer: TransferDetail
) {
	const now = (await readCard(tx, card.id))!;
	const shown = cardDifference(card, now);
	return appendEvent(tx, card.id, type, actor, {
		...shown,
		detail: { before: null, after: transfer }
	});
}

export async function sendTransfer(
	services: Services,
	actor: Actor,
	orderId: number,
	input: unknown
): Promise<number | null> {
	requirePermission(actor, 'custody.handOff');
	const data = parseInput(sendTransferSchema, input);
	const { seq } = await runCommand(services, async (tx) => {
		const card = await lockOrder(tx, orderId, data.version);
		if (card.locationId === null) {
			throw conflict(`${card.number} is already in transit: receive it first`, card);
		}
		const toName = await openLocationName(tx, data.toLocationId);
		if (toName === null)
			throw invalid('toLocationId', `${data.toLocationId} is not an open location`);
		if (data.toLocationId === card.locationId) {
			throw invalid('toLocationId', `is where the piece already is (${toName})`);
		}
		const [from] = await tx<{ name: string }[]>`
			select name from locations where id = ${card.locationId}`;
		const items = (await lockItemsInCare(tx, orderId)).filter((item) =>
			travelsFrom(item.holder, card.locationId!)
		);
		const weights = weightsFor(items, data.items);
		const [transfer] = await tx<{ id: number; sentAt: Date }[]>`
			insert into transfers (order_id, from_location_id, to_location_id, note, sent_by)
			values (${orderId}, ${card.locationId}, ${data.toLocationId}, ${data.note ?? null}, ${actor.id})
			returning id, sent_at`;
		await tx`update orders set location_id = null, version = version + 1, updated_at = now()
			where id = ${orderId}`;
		const transit: Holder = { kind: 'transit', id: transfer.id, name: `In transit to ${toName}` };
		for (const item of items) {
			await passItem(tx, actor, item, transit, weights.get(item.id), data.note);
		}
		const event = await appendTransferEvent(tx, actor, card, 'order.transfer_sent', {
			transferId: transfer.id,
			from: { id: card.locationId, name: from.name },
			to: { id: data.toLocationId, name: toName },
			sentBy: actor.name,
			sentAt: transfer.sentAt.toISOString(),
			receivedBy: null,
			receivedAt: null,
			note: data.note ?? null,
			items: weighed(items, weights)
		});
		return { result: undefined, event };
	});
	return seq;
}

interface OpenTransfer {
	id: number;
	fromLocationId: number;
	fromName: string;
	toLocationId: number;
	toName: string;
	note: string | null;
	sentBy: string;
	sentAt: Date;
}

export async function receiveTransfer(
	services: Services,
	actor: Actor,
	orderId: number,
	input: unknown
): Promise<number | null> {
	requirePermission(actor, 'custody.handOff');
	const data = parseInput(receiveTransferSchema, input);
	const { seq } = await runCommand(services, async (tx) => {
		const card = await lockOrder(tx, orderId, data.version);
		const [transfer] = await tx<OpenTransfer[]>`
			select t.id, t.from_location_id, f.name as from_name, t.to_location_id, d.name as to_name,
				t.note, u.display_name as sent_by, t.sent_at
			from transfers t
			join locations f on f.id = t.from_location_id
			join locations d on d.id = t.to_location_id
			join users u on u.id = t.sent_by
			where t.order_id = ${orderId} and t.received_at is null`;
		if (!transfer) throw conflict(`${card.number} is not in transit`, card);
		const items = (await lockItemsInCare(tx, orderId)).filter(
			(item) => item.holder.kind === 'transit' && item.holder.id === transfer.id
		);
		const weights = weightsFor(items, data.items);
		const [{ receivedAt }] = await tx<{ receivedAt: Date }[]>`
			update transfers set received_by = ${actor.id}, received_at = now()
			where id = ${transfer.id} returning received_at`;
		await tx`update orders set location_id = ${transfer.toLocationId}, version = version + 1,
			updated_at = now() where id = ${orderId}`;
		const arrived: Holder = { kind: 'place', id: transfer.toLocationId, name: transfer.toName };
		for (const item of items) {
			await passItem(tx, actor, item, arrived, weights.get(item.id), data.note);
		}
		const event = await appendTransferEvent(tx, actor, card, 'order.transfer_received', {
			transferId: transfer.id,
			from: { id: transfer.fromLocationId, name: transfer.fromName },
			to: { id: transfer.toLocationId, name: transfer.toName },
			sentBy: transfer.sentBy,
			sentAt: transfer.sentAt.toISOString(),
			receivedBy: actor.name,
			receivedAt: receivedAt.toISOString(),
			note: data.note ?? null,
			items: weighed(items, weights)
		});
		return { result: undefined, event };
	});
	return seq;
}

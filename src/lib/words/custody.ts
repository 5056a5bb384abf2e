import type { CustomerItem, Handoff, Holder } from '../types';
import { WEIGHT_TOLERANCE, type WeightUnit } from './vocabulary';

/**
 * The chain of custody in the shop's words: who holds an item, what it weighed, what changed.
 * Weights keep two decimals at least ("4.20 g"), because a scale reads to 0.01 and a dropped zero
 * would look like a less careful weighing.
 */

const weightFormat = new Intl.NumberFormat('en-US', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 3
});

/** 4.21, 'g' → "4.21 g"; 1.5, 'ct' → "1.50 ct". */
export function weightText(weight: number, unit: WeightUnit): string {
	return `${weightFormat.format(weight)} ${unit}`;
}

/** −0.18 → "−0.18 g" (a true minus sign), 0.02 → "+0.02 g". */
export function weightChangeText(change: number, unit: WeightUnit): string {
	if (change === 0) return `±${weightText(0, unit)}`;
	const sign = change < 0 ? '\u2212' : '+';
	return `${sign}${weightText(Math.abs(change), unit)}`;
}

/**
 * The hint under a weight field, read again as it is typed: the last weighing, or, while the typed
 * weight is beyond the scale's tolerance from it, a warning to weigh again before it goes on
 * record (a difference is kept and flagged, so it should be a real one).
 */
export function weighingHint(
	typed: string,
	last: number | null,
	unit: WeightUnit
): { text: string; warn: boolean } {
	if (last === null) return { text: 'If it was weighed', warn: false };
	const quiet = { text: `Last weighed ${weightText(last, unit)}`, warn: false };
	const read = readWeight(typed);
	if ('error' in read || read.weight === null) return quiet;
	const change = Math.round((read.weight - last) * 1000) / 1000;
	if (Math.abs(change) <= WEIGHT_TOLERANCE[unit] + 1e-9) return quiet;
	const how = change < 0 ? 'lighter' : 'heavier';
	return {
		text: `${weightText(Math.abs(change), unit)} ${how} than last weighed (${weightText(last, unit)}): weigh it again. If it is right, the difference is recorded and flagged.`,
		warn: true
	};
}

/** A weight as typed: blank is none; anything but a plain number with up to 3 decimals is refused. */
export function readWeight(text: string): { weight: number | null } | { error: string } {
	const trimmed = text.trim();
	if (!trimmed) return { weight: null };
	// A comma is refused rather than guessed: "1,250" could be a kilo of scrap or 1.25 g.
	if (!/^\d{1,6}(\.\d{1,3})?$/.test(trimmed) && !/^\.\d{1,3}$/.test(trimmed)) {
		return { error: 'A weight like 4.21, with up to 3 decimals' };
	}
	const weight = Number(trimmed);
	if (weight <= 0) return { error: 'A weight more than 0' };
	if (weight > 100_000) return { error: 'A weight of at most 100000' };
	return { weight };
}

/** A holder by name; the viewer sees themself marked, so "with me" is plain at a glance. */
export function holderLabel(holder: Holder, viewerId?: number): string {
	if (holder.kind === 'person' && viewerId !== undefined && holder.id === viewerId) {
		return `${holder.name} (you)`;
	}
	return holder.name;
}

/** "Now with: Elena Novak", "Now in: Safe", "In transit to Workshop". */
export function nowWith(holder: Holder, viewerId?: number): string {
	if (holder.kind === 'transit') return holder.name;
	return `${holder.kind === 'place' ? 'Now in' : 'Now with'}: ${holderLabel(holder, viewerId)}`;
}

/**
 * The confirmation of a hand-off just recorded, naming who holds the item now and when:
 * "Handed to Sam Ortiz at 2:05 PM", "Put in Safe at 14:05". `time` is already in the shop's words.
 */
export function handedText(to: Holder, time: string, viewerId?: number): string {
	if (to.kind === 'place') return `Put in ${to.name} at ${time}`;
	if (to.kind === 'customer') return `Returned to the customer at ${time}`;
	if (to.kind === 'transit') return `${to.name} since ${time}`;
	return `Handed to ${holderLabel(to, viewerId)} at ${time}`;
}

/** When the item came to whoever holds it now: the latest step of its trail. */
export function heldSince(item: Pick<CustomerItem, 'trail' | 'checkedInAt'>): string {
	return item.trail.at(-1)?.at ?? item.checkedInAt;
}

/** The weighing before a step of the trail, when there was one. */
function weightBefore(trail: readonly Handoff[], index: number): number | null {
	for (let i = index - 1; i >= 0; i--) {
		const weight = trail[i].weight;
		if (weight !== null) return weight;
	}
	return null;
}

/**
 * Every weighing that differed from the one before beyond the scale's tolerance:
 * "Weight changed: 4.20 g → 4.02 g (−0.18 g)".
 */
export function weightWarnings(item: Pick<CustomerItem, 'trail' | 'weightUnit'>): string[] {
	const unit = item.weightUnit;
	return item.trail.flatMap((step, index) => {
		if (!step.flagged || step.weight === null || step.weightChange === null) return [];
		const before =
			weightBefore(item.trail, index) ??
			Math.round((step.weight - step.weightChange) * 1000) / 1000;
		return [
			`Weight changed: ${weightText(before, unit)} → ${weightText(step.weight, unit)} (${weightChangeText(step.weightChange, unit)})`
		];
	});
}

/** "The customer → Safe". */
export function stepWords(step: Pick<Handoff, 'from' | 'to'>, viewerId?: number): string {
	return `${holderLabel(step.from, viewerId)} → ${holderLabel(step.to, viewerId)}`;
}

/** Items still in the store's care, and those already handed back, each in the server's order. */
export function splitByCare(items: readonly CustomerItem[]): {
	inCare: CustomerItem[];
	returned: CustomerItem[];
} {
	return {
		inCare: items.filter((item) => item.returnedAt === null),
		returned: items.filter((item) => item.returnedAt !== null)
	};
}

/** The usual unit for a kind of item: carats weigh stones, grams everything else. */
export const unitFor = (kind: string): WeightUnit => (kind === 'stone' ? 'ct' : 'g');

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The board card's marker for what of the customer's the store holds: their stones (tracked with
 * the order's stones) and their other items. Null when there is nothing.
 */
export function theirThingsMarker(
	stones: number,
	items: number
): { label: string; title: string } | null {
	const total = stones + items;
	if (total <= 0) return null;
	if (items === 0) {
		return stones === 1
			? { label: "Customer's stone", title: "The customer's own stone is with this order" }
			: {
					label: `Customer's stones (${stones})`,
					title: `${stones} of the customer's own stones are with this order`
				};
	}
	if (stones === 0) {
		return items === 1
			? { label: "Customer's item", title: "An item of the customer's is in the store's care" }
			: {
					label: `Customer's items (${items})`,
					title: `${items} of the customer's items are in the store's care`
				};
	}
	return {
		label: `Customer's items (${total})`,
		title: `${plural(stones, 'stone', 'stones')} and ${plural(items, 'other item', 'other items')} of the customer's are in the store's care`
	};
}

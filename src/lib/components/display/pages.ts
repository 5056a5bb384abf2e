/**
 * How a crowded column on the wall shows its cards: late work first and never out of sight.
 * Pure, so the rules are tested beside their cases; the column only measures and renders.
 */

/** Late cards first, each group keeping the column's own order. */
export function lateFirst<T>(cards: T[], isLate: (card: T) => boolean): T[] {
	const late = cards.filter(isLate);
	if (late.length === 0 || late.length === cards.length) return cards;
	return [...late, ...cards.filter((card) => !isLate(card))];
}

/**
 * The pages a column shows in turn, `perPage` cards each. Late cards stay at the top of every page
 * while they leave room for at least one other card, so no late piece ever waits on a hidden page;
 * when there are more than that (a column that is mostly late), they fill the first pages, ahead of
 * every piece on time.
 */
export function pagesOf<T>(cards: T[], isLate: (card: T) => boolean, perPage: number): T[][] {
	const size = Math.max(1, Math.floor(perPage));
	if (cards.length <= size) return [cards];
	const late = cards.filter(isLate);
	const onTime = cards.filter((card) => !isLate(card));
	if (late.length < size) {
		const room = size - late.length;
		const pages: T[][] = [];
		for (let start = 0; start < onTime.length; start += room)
			pages.push([...late, ...onTime.slice(start, start + room)]);
		return pages;
	}
	const ordered = [...late, ...onTime];
	const pages: T[][] = [];
	for (let start = 0; start < ordered.length; start += size)
		pages.push(ordered.slice(start, start + size));
	return pages;
}

/** The first page that holds a card the test picks, or the first page when none does. */
export function pageWith<T>(pages: T[][], picks: (card: T) => boolean): number {
	return Math.max(
		0,
		pages.findIndex((page) => page.some(picks))
	);
}

/**
 * How many of a column's cards, from the top, can show in full while the rest show as compact rows
 * and everything still fits: a column condenses from the bottom, card by card, before it pages.
 * `full` are the cards' measured heights in full; the cards sit `columns` to a grid row, whose
 * height is its tallest card's.
 */
export function fullCardsThatFit(column: {
	full: number[];
	columns: number;
	row: number;
	gap: number;
	available: number;
}): number {
	const { full, row, gap, available } = column;
	const columns = Math.max(1, Math.floor(column.columns));
	for (let count = full.length; count > 0; count--) {
		let height = 0;
		for (let start = 0; start < full.length; start += columns) {
			const heights = full
				.slice(start, start + columns)
				.map((h, i) => (start + i < count ? h : row));
			height += Math.max(...heights) + (start > 0 ? gap : 0);
		}
		if (height <= available) return count;
	}
	return 0;
}

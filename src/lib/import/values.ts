import { BOARD_STAGES, STAGE_LABELS, type BoardStage } from '../stages';
import { PIECE_TYPES, PIECE_TYPE_LABELS, type PieceType } from '../words/vocabulary';

/** Reading one cell of a spreadsheet as a date, a stage, a piece type, a name, an amount. */

export type Read<T> = { value: T } | { problem: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Whether the locale writes the day or the month first (en-US: month, en-GB and de-DE: day). */
export function dayFirst(locale: string): boolean {
	try {
		const parts = new Intl.DateTimeFormat(locale, { timeZone: 'UTC' }).formatToParts(
			new Date(Date.UTC(2026, 11, 14))
		);
		const order = parts.filter((part) => part.type === 'day' || part.type === 'month');
		return order[0]?.type === 'day';
	} catch {
		return false;
	}
}

/** The locale's usual short date, said as an example: 12/14/2026 (month/day/year). */
export function localDateExample(locale: string): string {
	return dayFirst(locale) ? '14/12/2026 (day/month/year)' : '12/14/2026 (month/day/year)';
}

function isoOf(year: number, month: number, day: number): string | null {
	if (year < 100) year += 2000;
	if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
	return date.toISOString().slice(0, 10);
}

/** A date as ISO (2026-12-14), the locale's short form (12/14/2026 or 14.12.2026), or "Dec 14, 2026". */
export function readDate(text: string, locale: string): Read<string | null> {
	const value = text.trim();
	if (value === '') return { value: null };
	const wrong = {
		problem: `"${value.slice(0, 40)}" is not a date: write 2026-12-14 or ${localDateExample(locale)}`
	};
	let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(value);
	if (match) {
		const iso = isoOf(Number(match[1]), Number(match[2]), Number(match[3]));
		return iso ? { value: iso } : wrong;
	}
	match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(value);
	if (match) {
		const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
		const iso = dayFirst(locale) ? isoOf(year, second, first) : isoOf(year, first, second);
		return iso ? { value: iso } : wrong;
	}
	match = /^([a-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})$/i.exec(value);
	const monthFirst = match && { month: match[1], day: match[2], year: match[3] };
	match = /^(\d{1,2}) ([a-z]{3})[a-z]*\.? (\d{4})$/i.exec(value);
	const named = monthFirst ?? (match && { month: match[2], day: match[1], year: match[3] });
	if (named) {
		const month = MONTHS.indexOf(named.month.toLowerCase()) + 1;
		const iso = month ? isoOf(Number(named.year), month, Number(named.day)) : null;
		return iso ? { value: iso } : wrong;
	}
	return wrong;
}

const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** How many single-letter edits turn one word into the other. */
function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let previous = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const current = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = current;
		}
	}
	return row[b.length];
}

/** Reads a word from a list (values, their labels, other shops' words); suggests the nearest. */
function readWord<T extends string>(
	text: string,
	what: string,
	words: Record<string, T>,
	labels: Record<T, string>
): Read<T | null> {
	const key = squash(text);
	if (key === '') return { value: null };
	if (key in words) return { value: words[key] };
	const nearest = Object.keys(words)
		.map((word) => ({ word, far: distance(key, word) }))
		.sort((a, b) => a.far - b.far)[0];
	const choices = [...new Set(Object.values(labels))].join(', ');
	const suggestion =
		nearest && nearest.far <= Math.max(2, Math.floor(key.length / 3))
			? `did you mean ${labels[words[nearest.word]]}? `
			: '';
	return {
		problem: `"${text.trim().slice(0, 40)}" is not a ${what}: ${suggestion}(${choices})`
	};
}

function wordsOf<T extends string>(
	values: readonly T[],
	labels: Record<T, string>,
	others: Record<string, T>
): Record<string, T> {
	const words: Record<string, T> = {};
	for (const value of values) {
		words[squash(value)] = value;
		words[squash(labels[value])] = value;
	}
	for (const [word, value] of Object.entries(others)) words[squash(word)] = value;
	return words;
}

const OPEN_STAGE_LABELS = Object.fromEntries(
	BOARD_STAGES.map((stage) => [stage, STAGE_LABELS[stage]])
) as Record<BoardStage, string>;

const STAGE_WORDS = wordsOf(BOARD_STAGES, OPEN_STAGE_LABELS, {
	new: 'intake',
	received: 'intake',
	'taken in': 'intake',
	open: 'intake',
	cad: 'design',
	sketch: 'design',
	designing: 'design',
	wax: 'casting',
	cast: 'casting',
	'at casting': 'casting',
	set: 'setting',
	'stone setting': 'setting',
	polish: 'polishing',
	finishing: 'polishing',
	qc: 'inspection',
	'quality check': 'inspection',
	inspect: 'inspection',
	ready: 'ready',
	done: 'ready',
	finished: 'ready',
	complete: 'ready',
	completed: 'ready',
	'ready for pick up': 'ready'
});

const ARCHIVED = new Set(['pickedup', 'collected', 'delivered', 'cancelled', 'canceled', 'closed']);

/** A stage by its name, its label or a common word for it ("CAD", "QC"); empty is Intake. */
export function readStage(text: string): Read<BoardStage> {
	if (ARCHIVED.has(squash(text))) {
		return { problem: `"${text.trim()}" is not an open stage: only open orders are imported` };
	}
	const read = readWord(text, 'stage', STAGE_WORDS, OPEN_STAGE_LABELS);
	return 'value' in read ? { value: read.value ?? 'intake' } : read;
}

const PIECE_WORDS = wordsOf(PIECE_TYPES, PIECE_TYPE_LABELS, {
	engagement: 'engagement_ring',
	'engagement rings': 'engagement_ring',
	solitaire: 'engagement_ring',
	band: 'wedding_band',
	wedding: 'wedding_band',
	'wedding ring': 'wedding_band',
	necklace: 'pendant',
	earring: 'earrings',
	studs: 'earrings',
	bangle: 'bracelet',
	reset: 'remount',
	remount: 'remount',
	sizing: 'repair',
	resize: 'repair',
	'ring sizing': 'repair'
});

/** A piece type by its value, label or a common word ("necklace", "sizing"); empty is Other. */
export function readPieceType(text: string): Read<PieceType | null> {
	return readWord(text, 'piece type', PIECE_WORDS, PIECE_TYPE_LABELS);
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'rush', 'urgent', 'ja', 'oui', 'si', 'sí']);
const NO = new Set(['no', 'n', 'false', '0', '', 'non', 'nein', 'normal']);

export function readRush(text: string): Read<boolean> {
	const word = text.trim().toLowerCase();
	if (YES.has(word)) return { value: true };
	if (NO.has(word)) return { value: false };
	return { problem: `"${text.trim().slice(0, 40)}" is not yes or no` };
}

/**
 * An amount as a shop writes it ("$1,250.00", "1.250,00 €", "1250") in the currency's minor unit
 * (`digits` after the decimal separator: 2 for cents, 0 for yen).
 */
export function readCents(text: string, locale: string, digits = 2): Read<number | null> {
	const value = text.replace(/[\s\u00a0\u202f]|[^\d.,-]/g, '');
	if (value === '') return text.trim() === '' ? { value: null } : wrongAmount(text);
	let decimal: string = new Intl.NumberFormat(locale).format(1.5).includes(',') ? ',' : '.';
	// A separator followed by one or two digits at the end is the decimal one, whatever the locale.
	const ending = /([.,])\d{1,2}$/.exec(value);
	if (ending && !(ending[1] !== decimal && /^\d{1,3}([.,]\d{3})+$/.test(value)))
		decimal = ending[1];
	const group = decimal === '.' ? ',' : '.';
	const plain = value.split(group).join('').replace(decimal, '.');
	const shape = digits > 0 ? `^\\d{1,12}(\\.\\d{1,${digits}})?$` : '^\\d{1,12}$';
	if (!new RegExp(shape).test(plain)) return wrongAmount(text);
	return { value: Math.round(Number(plain) * 10 ** digits) };
}

const wrongAmount = (text: string) => ({
	problem: `"${text.trim().slice(0, 40)}" is not an amount (like 1250.00)`
});

const HONORIFICS = /^(mr|mrs|ms|miss|mx|dr|prof)\.?\s+/i;
const SUFFIX = /^(jr|sr|ii|iii|iv|phd|md)\.?$/i;

/**
 * One column with the whole name: "Rivera, Ana" is family name first; otherwise the last word is
 * the family name ("Ana María Rivera"), with a suffix kept on it ("Tom Hale Jr.").
 */
export function splitName(text: string): Read<{ givenName: string; familyName: string } | null> {
	const name = text.trim().replace(/\s+/g, ' ');
	if (name === '') return { value: null };
	if (name.includes(',')) {
		const [family, given] = name.split(',', 2).map((part) => part.trim());
		if (family && given && !SUFFIX.test(given)) {
			return { value: { givenName: given.replace(HONORIFICS, ''), familyName: family } };
		}
	}
	const words = name.replace(',', '').replace(HONORIFICS, '').split(' ');
	let familyStart = words.length - 1;
	if (familyStart > 1 && SUFFIX.test(words[familyStart])) familyStart--;
	if (familyStart < 1) {
		return { problem: `"${name.slice(0, 40)}" needs a first and a last name` };
	}
	return {
		value: {
			givenName: words.slice(0, familyStart).join(' '),
			familyName: words.slice(familyStart).join(' ')
		}
	};
}

/** A finger size: a number is a US size, a letter a UK one. */
export function readRingSize(
	text: string
): Read<{ sizeValue: string; sizeScale: 'US' | 'UK' } | null> {
	const value = text.trim().replace(/^size\s*/i, '');
	if (value === '') return { value: null };
	if (/^\d/.test(value)) return { value: { sizeValue: value, sizeScale: 'US' } };
	if (/^[a-z]/i.test(value)) return { value: { sizeValue: value.toUpperCase(), sizeScale: 'UK' } };
	return { problem: `"${value.slice(0, 40)}" is not a ring size (like 6.5 or M)` };
}

import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Past this length a stage's keys are spread out again (see `needsRekey`), so repeated inserts
 * at one spot cannot grow keys without bound.
 */
export const MAX_KEY_LENGTH = 12;

/** A key that sorts after `before` and before `after` (null: the start or end of the column). */
export function keyBetween(before: string | null, after: string | null): string {
	return generateKeyBetween(before, after);
}

/** `count` short, evenly spread keys in ascending order, for a column laid out anew. */
export function spreadKeys(count: number): string[] {
	return generateNKeysBetween(null, null, count);
}

export function needsRekey(key: string): boolean {
	return key.length > MAX_KEY_LENGTH;
}

/** Keys compare by code unit, which for base62 keys is the byte order PostgreSQL's "C" collation uses. */
export function compareKeys(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

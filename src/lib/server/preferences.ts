import type { Sql } from 'postgres';
import { boardPreferencesSchema, type BoardPreferences } from '../validation';
import { DomainError, parseInput } from './errors';
import type { Actor } from './events';

/** A wall display has no preferences of its own: its options are the owner's, in Settings. */
export async function readBoardPreferences(sql: Sql, actor: Actor): Promise<BoardPreferences> {
	if (actor.role === 'display' || actor.role === 'system') return { lateFirst: false };
	const [row] = await sql<{ boardLateFirst: boolean }[]>`
		select board_late_first from users where id = ${actor.id}`;
	return { lateFirst: row?.boardLateFirst ?? false };
}

/** Only the person's own row: nobody changes another person's board. */
export async function updateBoardPreferences(
	sql: Sql,
	actor: Actor,
	input: unknown
): Promise<BoardPreferences> {
	// A display's id names a device, not a person: it must never reach the users table.
	if (actor.role === 'display' || actor.role === 'system') {
		throw new DomainError(403, 'forbidden', 'Only a signed-in person has board preferences');
	}
	const preferences = parseInput(boardPreferencesSchema, input);
	await sql`update users set board_late_first = ${preferences.lateFirst} where id = ${actor.id}`;
	return preferences;
}

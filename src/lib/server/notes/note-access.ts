import { isBoardStage, type Stage } from '../../stages';
import { requirePermission } from '../auth/roles';
import type { Sql } from '../db';
import { DomainError, notFound } from '../errors';
import type { Actor } from '../events';
import { NOTE_FIELDS, type NoteField } from './note-text';

/**
 * Who may open an order's live notes, and how: the role must edit notes; an archived order's notes
 * open read-only. Throws a DomainError (403, 404) the notes endpoint answers the upgrade with.
 */
export async function openNoteFor(
	sql: Sql,
	actor: Actor,
	orderId: number,
	field: string
): Promise<{ key: { orderId: number; field: NoteField }; readOnly: boolean }> {
	if (!(NOTE_FIELDS as readonly string[]).includes(field))
		throw new DomainError(404, 'not_found', 'No such note');
	requirePermission(actor, 'notes.edit');
	const [order] = await sql<{ stage: Stage }[]>`select stage from orders where id = ${orderId}`;
	if (!order) throw notFound(`Order ${orderId}`);
	return { key: { orderId, field: field as NoteField }, readOnly: !isBoardStage(order.stage) };
}

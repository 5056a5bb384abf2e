import * as Y from 'yjs';
import type { Sql } from '../db';
import { docFromPlainText, NOTE_COLUMNS, plainTextOf, type NoteField } from './note-text';
import { transaction } from '../transaction';

export interface NoteKey {
	orderId: number;
	field: NoteField;
}

/**
 * Reads a note as stored: its snapshot and every update since. A note that was never opened
 * starts from the order's plain text; the first process to open it writes that starting snapshot,
 * so two processes opening it at once do not both insert the same text. The snapshot's row is held
 * (for share) until the updates are read: a compaction committing between the two reads would
 * leave this load with the old snapshot and without the updates folded into the new one.
 */
export async function loadNote(sql: Sql, { orderId, field }: NoteKey): Promise<Uint8Array[]> {
	const column = NOTE_COLUMNS[field];
	return transaction(sql, async (tx) => {
		const read = () => tx<{ snapshot: Uint8Array }[]>`
			select snapshot from note_docs where order_id = ${orderId} and field = ${field}
			for share`;
		let [row] = await read();
		if (!row) {
			const [order] = await tx<Record<string, string | null>[]>`
				select ${tx(column)} from orders where id = ${orderId}`;
			const text = order?.[column] ?? null;
			const start = text ? docFromPlainText(text) : new Y.Doc();
			const snapshot = Y.encodeStateAsUpdate(start);
			start.destroy();
			await tx`
				insert into note_docs (order_id, field, snapshot)
				values (${orderId}, ${field}, ${Buffer.from(snapshot)})
				on conflict do nothing`;
			[row] = await read();
		}
		const updates = await tx<{ update: Uint8Array }[]>`
			select update from note_updates where order_id = ${orderId} and field = ${field}
			order by id`;
		return [row.snapshot, ...updates.map((entry) => entry.update)];
	});
}

/** Stores one update as it arrives; returns its id (for other processes to fetch). */
export async function storeUpdate(
	sql: Sql,
	{ orderId, field }: NoteKey,
	update: Uint8Array,
	userId: number
): Promise<number> {
	const [{ id }] = await sql<{ id: number }[]>`
		insert into note_updates (order_id, field, update, user_id)
		values (${orderId}, ${field}, ${Buffer.from(update)}, ${userId})
		returning id`;
	return id;
}

export async function readUpdate(sql: Sql, id: number): Promise<Uint8Array | null> {
	const [row] = await sql<
		{ update: Uint8Array }[]
	>`select update from note_updates where id = ${id}`;
	return row?.update ?? null;
}

export async function readSnapshot(
	sql: Sql,
	{ orderId, field }: NoteKey
): Promise<Uint8Array | null> {
	const [row] = await sql<{ snapshot: Uint8Array }[]>`
		select snapshot from note_docs where order_id = ${orderId} and field = ${field}`;
	return row?.snapshot ?? null;
}

/**
 * Folds the stored updates into one snapshot. Every stored update (from any process) is applied to
 * `doc` first (Yjs ignores what it already has), so the snapshot holds all that the rows held
 * before they are deleted. The order's plain-text copy is refreshed in the same transaction.
 *
 * One writer at a time across processes: the snapshot's row is locked. A compaction along the way
 * (`wait: false`) that finds it locked (another process compacting, or loading the note) skips; the
 * updates stay stored and the next compaction folds them in. The last one, when the note leaves
 * memory (`wait: true`), waits its turn instead: there may be no next one, and a skipped last
 * compaction left the order's plain-text copy (search, print) without the last words typed.
 * Returns whether it compacted.
 */
export async function compactNote(
	sql: Sql,
	key: NoteKey,
	doc: Y.Doc,
	{ wait = false }: { wait?: boolean } = {}
): Promise<boolean> {
	return transaction(sql, async (tx) => {
		// The stored snapshot too: another process may have folded in what this one never heard of.
		const [stored] = await tx<{ snapshot: Uint8Array }[]>`
			select snapshot from note_docs where order_id = ${key.orderId} and field = ${key.field}
			for update ${wait ? tx`` : tx`skip locked`}`;
		if (!stored) return false;
		Y.applyUpdate(doc, stored.snapshot, 'store');
		const updates = await tx<{ id: number; update: Uint8Array }[]>`
			select id, update from note_updates where order_id = ${key.orderId} and field = ${key.field}
			order by id`;
		for (const { update } of updates) Y.applyUpdate(doc, update, 'store');
		await tx`
			update note_docs set snapshot = ${Buffer.from(Y.encodeStateAsUpdate(doc))}, updated_at = now()
			where order_id = ${key.orderId} and field = ${key.field}`;
		// Exactly the rows folded in: one committed meanwhile with a lower id stays for next time.
		if (updates.length > 0) {
			await tx`delete from note_updates where id in ${tx(updates.map((row) => row.id))}`;
		}
		await writePlainText(tx as unknown as Sql, key, plainTextOf(doc));
		return true;
	});
}

/** The order's plain-text copy of a note (search, print, screens without an editor). */
export async function writePlainText(sql: Sql, { orderId, field }: NoteKey, text: string) {
	const column = NOTE_COLUMNS[field];
	await sql`
		update orders set ${sql({ [column]: text || null } as Record<string, unknown>)}
		where id = ${orderId} and ${sql(column)} is distinct from ${text || null}`;
}

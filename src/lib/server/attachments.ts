import fs from 'node:fs';
import { outsideClaim } from './idempotency';
import { attachmentMetaSchema } from '../validation';
import { requirePermission } from './auth/roles';
import { changeInsideOrder, requireOpenOrder } from './commands';
import type { Sql, Tx } from './db';
import { invalid, notFound, parseInput } from './errors';
import type { Actor } from './events';
import type { Services } from './services';
import { transaction } from './transaction';
import { log } from './log';

/**
 * A photo, sketch or PDF for an order. The bytes are checked and stored first, outside any
 * transaction; then one short transaction records them with their event.
 */
export async function addAttachment(
	services: Services,
	actor: Actor,
	orderId: number,
	body: ReadableStream<Uint8Array> | null,
	meta: unknown
): Promise<number | null> {
	requirePermission(actor, 'attachments.add');
	const data = parseInput(attachmentMetaSchema, meta);
	// Refuse early, before reading megabytes, when the order cannot take it.
	await requireOpenOrder(services.db.sql, orderId);
	const { release, ...file } = await services.files.save(body);
	try {
		const seq = await changeInsideOrder(
			services,
			actor,
			orderId,
			'attachment.added',
			async (tx) => {
				await lockFile(tx, file.sha256);
				if (data.itemId !== undefined) {
					const [item] = await tx`
					select 1 from customer_items where id = ${data.itemId} and order_id = ${orderId}`;
					if (!item) throw invalid('itemId', `${data.itemId} is not an item of this order`);
				}
				const [attachment] = await tx`
				insert into attachments ${tx({
					orderId,
					itemId: data.itemId ?? null,
					kind: data.kind,
					...file,
					fileName: data.fileName ?? defaultName(file.mediaType),
					caption: data.caption ?? null,
					createdBy: actor.id
				})}
				returning id, kind, item_id, sha256, media_type, byte_size, file_name, caption`;
				return { before: null, after: attachment };
			}
		);
		release();
		return seq;
	} catch (error) {
		// A refused upload leaves nothing behind, unless the same bytes belong to another row.
		release();
		await outsideClaim(() => dropIfUnreferenced(services, file.sha256)).catch((dropError) =>
			log.error({ sha256: file.sha256, err: dropError }, 'could not remove a refused upload')
		);
		throw error;
	}
}

/** Any constant: with a file's hash it names the lock that keeps a removal from racing an insert. */
const FILE_LOCK = 4_210_002;

export async function lockFile(tx: Tx, sha256: string): Promise<void> {
	await tx`select pg_advisory_xact_lock(${FILE_LOCK}, hashtext(${sha256}))`;
}

/** Removes stored bytes that no attachment (nor the logo) refers to and no upload in this process holds. */
async function dropIfUnreferenced(services: Services, sha256: string): Promise<boolean> {
	return transaction(services.db.sql, async (tx) => {
		await lockFile(tx, sha256);
		// An attachment's bytes, or the shop's logo.
		const [used] = await tx`
			select 1 from attachments where sha256 = ${sha256}
			union all select 1 from settings where logo_hash = ${sha256} limit 1`;
		if (used || services.files.pinned(sha256)) return false;
		await services.files.remove(sha256);
		return true;
	});
}

/**
 * Removes what uploads left behind: stored files no attachment refers to and half-written ones,
 * untouched for an hour (an upload under way is younger, and pinned). Returns how many went.
 */
export async function sweepFiles(
	services: Services,
	olderThanMs = 60 * 60 * 1000
): Promise<number> {
	let removed = 0;
	for await (const stale of services.files.stale(olderThanMs)) {
		if ('temp' in stale) {
			await fs.promises.rm(stale.temp, { force: true });
			removed++;
		} else if (await dropIfUnreferenced(services, stale.sha256)) {
			removed++;
		}
	}
	return removed;
}

function defaultName(mediaType: string): string {
	return mediaType === 'application/pdf' ? 'document.pdf' : `photo.${mediaType.split('/')[1]}`;
}

/** Removed from the order; the bytes stay, since the history still names them. */
export async function removeAttachment(
	services: Services,
	actor: Actor,
	orderId: number,
	attachmentId: number
): Promise<number | null> {
	requirePermission(actor, 'attachments.remove');
	return changeInsideOrder(services, actor, orderId, 'attachment.removed', async (tx) => {
		const [attachment] = await tx`
			update attachments set removed_at = now(), removed_by = ${actor.id}
			where id = ${attachmentId} and order_id = ${orderId} and removed_at is null
			returning id, kind, sha256, file_name`;
		if (!attachment) throw notFound(`Attachment ${attachmentId} of order ${orderId}`);
		return { before: attachment, after: null };
	});
}

/** Where an attachment's bytes are, for anyone who may read the order. */
export async function locateAttachment(
	services: Services,
	actor: Actor,
	attachmentId: number,
	variant: 'original' | 'thumbnail'
): Promise<{ path: string; mediaType: string; fileName: string }> {
	requirePermission(actor, 'orders.read');
	const sql: Sql = services.db.sql;
	const [row] = await sql<{ sha256: string; mediaType: string; fileName: string }[]>`
		select sha256, media_type, file_name from attachments
		where id = ${attachmentId} and removed_at is null`;
	if (!row) throw notFound(`Attachment ${attachmentId}`);
	if (variant === 'thumbnail' && row.mediaType === 'application/pdf') {
		throw notFound(`A thumbnail of attachment ${attachmentId}`);
	}
	return {
		path: services.files.pathOf(row.sha256, variant),
		mediaType: variant === 'thumbnail' ? 'image/webp' : row.mediaType,
		fileName:
			variant === 'thumbnail' ? `${row.fileName.replace(/\.[^.]*$/, '')}.webp` : row.fileName
	};
}

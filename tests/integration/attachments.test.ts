import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addAttachment,
	locateAttachment,
	removeAttachment,
	sweepFiles
} from '../../src/lib/server/attachments';
import { DomainError } from '../../src/lib/server/errors';
import { MAX_UPLOAD_BYTES } from '../../src/lib/server/files';
import { createOrder, getOrder, moveOrder } from '../../src/lib/server/orders';
import { pickUpOrder } from '../../src/lib/server/release';
import type { StartedServices } from '../../src/lib/server/start';
import { backends } from '../helpers/services';

const body = (bytes: Uint8Array) => new Response(bytes as Uint8Array<ArrayBuffer>).body;

/** Every file under the store's folder, except the (empty) folder for uploads in progress. */
function storedFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
		.sort();
}

describe.each(backends)('photos and sketches on $name', (backend) => {
	let services: StartedServices;
	let orderId: number;
	let photo: Buffer;

	beforeAll(async () => {
		services = await backend.start();
		const card = (
			await createOrder(services, services.shopActor, {
				customer: { givenName: 'Grace', familyName: 'Whitfield' },
				title: "Pendant from grandmother's diamond",
				pieceType: 'pendant'
			})
		).card;
		orderId = card.id;
		photo = await sharp({
			create: { width: 1600, height: 1200, channels: 3, background: '#b08d3c' }
		})
			.jpeg()
			.toBuffer();
	});
	afterAll(() => services?.stop());

	async function refusedUpload(bytes: Uint8Array | null, meta: object = {}) {
		const filesBefore = storedFiles(services.files.dir);
		const [{ count: before }] = await services.db
			.sql`select count(*)::int as count from attachments`;
		const error = await addAttachment(
			services,
			services.shopActor,
			orderId,
			bytes === null ? null : body(bytes),
			meta
		).then(
			() => undefined,
			(error: unknown) => error
		);
		expect(error).toBeInstanceOf(DomainError);
		const [{ count: after }] = await services.db
			.sql`select count(*)::int as count from attachments`;
		expect(after).toBe(before);
		expect(storedFiles(services.files.dir)).toEqual(filesBefore);
		return error as DomainError;
	}

	it('stores a photo once by its hash, with a small thumbnail, recorded with one event', async () => {
		await addAttachment(services, services.shopActor, orderId, body(photo), {
			kind: 'reference',
			fileName: 'IMG_2041.jpg',
			caption: 'Grandmother wearing the ring'
		});
		// The same bytes again: a second record, one stored file.
		await addAttachment(services, services.shopActor, orderId, body(photo), { kind: 'design' });
		const { attachments } = await getOrder(services.db.sql, services.shopActor, orderId);
		expect(attachments).toEqual([
			expect.objectContaining({
				kind: 'reference',
				mediaType: 'image/jpeg',
				byteSize: photo.length,
				width: 1600,
				height: 1200,
				fileName: 'IMG_2041.jpg',
				caption: 'Grandmother wearing the ring',
				createdBy: 'Shop'
			}),
			expect.objectContaining({ kind: 'design', fileName: 'photo.jpeg' })
		]);
		const files = storedFiles(services.files.dir);
		expect(files).toHaveLength(2);
		const original = await locateAttachment(
			services,
			services.shopActor,
			attachments[0].id,
			'original'
		);
		expect(fs.readFileSync(original.path).equals(photo)).toBe(true);
		const thumbnail = await locateAttachment(
			services,
			services.shopActor,
			attachments[0].id,
			'thumbnail'
		);
		const meta = await sharp(thumbnail.path).metadata();
		expect(meta).toMatchObject({ format: 'webp', width: 480, height: 360 });
		const [{ count }] = await services.db.sql`
			select count(*)::int as count from order_events where order_id = ${orderId} and type = 'attachment.added'`;
		expect(count).toBe(2);
	});

	it('judges the type by the bytes, not the name, and refuses empty, unknown and oversized files', async () => {
		const text = new TextEncoder().encode('<script>alert(1)</script>');
		const wrongType = await refusedUpload(text, { fileName: 'ring.jpg' });
		expect(wrongType).toMatchObject({ status: 400 });
		expect(wrongType.message).toMatch(/not a JPEG, PNG or WebP image or a PDF/);
		expect((await refusedUpload(new Uint8Array(0))).message).toMatch(/empty/);
		expect((await refusedUpload(null)).message).toMatch(/empty/);
		// A JPEG header on bytes that are not an image.
		const fake = new Uint8Array(2000).fill(7);
		fake.set([0xff, 0xd8, 0xff, 0xe0]);
		expect((await refusedUpload(fake)).message).toMatch(/could not be read/);
		const huge = new Uint8Array(MAX_UPLOAD_BYTES + 1);
		huge.set(photo.subarray(0, 16));
		expect(await refusedUpload(huge)).toMatchObject({ status: 413, code: 'too_large' });
		expect((await refusedUpload(photo, { kind: 'selfie' })).details.field).toBe('kind');
	});

	it('keeps a PDF (a CAD sheet) without a thumbnail', async () => {
		const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
		await addAttachment(services, services.shopActor, orderId, body(pdf), {
			kind: 'design',
			fileName: 'cad-v2.pdf'
		});
		const { attachments } = await getOrder(services.db.sql, services.shopActor, orderId);
		const sheet = attachments.find((attachment) => attachment.fileName === 'cad-v2.pdf')!;
		expect(sheet).toMatchObject({ mediaType: 'application/pdf', width: null });
		await expect(
			locateAttachment(services, services.shopActor, sheet.id, 'thumbnail')
		).rejects.toMatchObject({
			status: 404
		});
	});

	it('removes an attachment from the order but keeps its bytes for the history', async () => {
		const { attachments } = await getOrder(services.db.sql, services.shopActor, orderId);
		const files = storedFiles(services.files.dir);
		await removeAttachment(services, services.shopActor, orderId, attachments[1].id);
		const after = await getOrder(services.db.sql, services.shopActor, orderId);
		expect(after.attachments.map((attachment) => attachment.id)).not.toContain(attachments[1].id);
		expect(storedFiles(services.files.dir)).toEqual(files);
		await expect(
			removeAttachment(services, services.shopActor, orderId, attachments[1].id)
		).rejects.toMatchObject({ status: 404 });
		// A bench jeweler adds photos but does not take them away.
		await expect(
			removeAttachment(
				services,
				{ id: services.shopActor.id, name: 'Elena', role: 'bench' },
				orderId,
				attachments[0].id
			)
		).rejects.toMatchObject({ status: 403 });
	});

	it('refuses an upload to an archived order before reading it', async () => {
		const card = (
			await createOrder(services, services.shopActor, {
				customer: { givenName: 'Ella', familyName: 'Nakamura' },
				title: 'Pearl drop earrings'
			})
		).card;
		const ready = (
			await moveOrder(services, services.shopActor, card.id, {
				stage: 'ready',
				afterId: null,
				version: card.version
			})
		).card;
		(await pickUpOrder(services, services.shopActor, card.id, { version: ready.version })).card;
		let read = false;
		// highWaterMark 0: the stream asks for bytes only when someone reads.
		const watched = new ReadableStream<Uint8Array>(
			{
				pull(controller) {
					read = true;
					controller.enqueue(photo);
					controller.close();
				}
			},
			{ highWaterMark: 0 }
		);
		await expect(
			addAttachment(services, services.shopActor, card.id, watched, {})
		).rejects.toMatchObject({ status: 409 });
		expect(read).toBe(false);
	});

	it('a refused upload (an item not of this order) leaves no bytes behind, but keeps bytes another attachment has', async () => {
		const fresh = await sharp({
			create: { width: 300, height: 200, channels: 3, background: '#7a1f3d' }
		})
			.png()
			.toBuffer();
		const before = storedFiles(services.files.dir);
		await expect(
			addAttachment(services, services.shopActor, orderId, body(fresh), { itemId: '99999' })
		).rejects.toMatchObject({ status: 400, details: { field: 'itemId' } });
		expect(storedFiles(services.files.dir)).toEqual(before);
		// The same bytes as a photo already on the order: refused, and that photo's file stays.
		await expect(
			addAttachment(services, services.shopActor, orderId, body(photo), { itemId: '99999' })
		).rejects.toMatchObject({ status: 400 });
		expect(storedFiles(services.files.dir)).toEqual(before);
	});

	it('the sweep removes files no row refers to and leftovers of uploads, never a referenced or pinned one', async () => {
		const referenced = storedFiles(services.files.dir);
		const orphan = 'ab'.repeat(32);
		const pinned = 'cd'.repeat(32);
		for (const sha of [orphan, pinned]) {
			fs.mkdirSync(path.dirname(services.files.pathOf(sha)), { recursive: true });
			fs.writeFileSync(services.files.pathOf(sha), 'bytes nobody recorded');
		}
		fs.mkdirSync(path.join(services.files.dir, 'incoming'), { recursive: true });
		fs.writeFileSync(path.join(services.files.dir, 'incoming', 'half-written'), 'half');
		// Written a moment ago, not in this very millisecond: a file's time has finer grain than
		// the clock the sweep reads, and one from "now" could count as younger than now.
		const moment = new Date(Date.now() - 1000);
		for (const file of [orphan, pinned].map((sha) => services.files.pathOf(sha)))
			fs.utimesSync(file, moment, moment);
		fs.utimesSync(path.join(services.files.dir, 'incoming', 'half-written'), moment, moment);
		const release = services.files.pin(pinned);
		expect(await sweepFiles(services, 0)).toBe(2);
		expect(storedFiles(services.files.dir)).toEqual(
			[...referenced, path.relative(services.files.dir, services.files.pathOf(pinned))].sort()
		);
		release();
		expect(await sweepFiles(services, 0)).toBe(1);
		expect(storedFiles(services.files.dir)).toEqual(referenced);
		// Files younger than the age given are uploads that may still be deciding: left alone.
		fs.writeFileSync(services.files.pathOf(orphan), 'just arrived');
		expect(await sweepFiles(services)).toBe(0);
		fs.rmSync(services.files.pathOf(orphan));
	});
});

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from './errors';

/** What the shop may upload: photos, sketches and CAD renders as images, quotes and CAD sheets as PDF. */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** The type the bytes say they are (never the file name or the header a client sent). */
export function sniffType(head: Uint8Array): UploadType | null {
	const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
	const ascii = (from: number, text: string) =>
		[...text].every((char, index) => head[from + index] === char.charCodeAt(0));
	if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
	if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
	if (ascii(0, '%PDF-')) return 'application/pdf';
	return null;
}

export interface StoredFile {
	sha256: string;
	mediaType: UploadType;
	byteSize: number;
	width: number | null;
	height: number | null;
	/** Unpins the bytes once the upload has committed or been refused. */
	release: () => void;
}

const invalidFile = (message: string) =>
	new DomainError(400, 'invalid', message, { field: 'file' });

const tooLarge = () =>
	new DomainError(
		413,
		'too_large',
		`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: send a smaller photo or PDF`,
		{ field: 'file' }
	);

/** The body's chunks; the server's own cap on bodies (far above ours) is the same "too large". */
async function* readBody(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
	try {
		yield* body as unknown as AsyncIterable<Uint8Array>;
	} catch (error) {
		if ((error as { status?: number }).status === 413) throw tooLarge();
		throw error;
	}
}

/**
 * Files by the SHA-256 of their bytes under one folder: the same photo uploaded twice is stored
 * once, and a name can never point outside the folder. Writing happens before any database
 * transaction starts, so a slow upload holds no locks.
 */
export class FileStore {
	/** Files saved by uploads still deciding (between `save` and their commit), by SHA-256. */
	#pinned = new Map<string, number>();

	constructor(readonly dir: string) {}

	/** Whether an upload in this process still holds these bytes: a sweep must leave them. */
	pinned(sha256: string): boolean {
		return this.#pinned.has(sha256);
	}

	/** Marks the bytes as in use by an upload until the returned function is called. */
	pin(sha256: string): () => void {
		this.#pinned.set(sha256, (this.#pinned.get(sha256) ?? 0) + 1);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const left = this.#pinned.get(sha256)! - 1;
			if (left > 0) this.#pinned.set(sha256, left);
			else this.#pinned.delete(sha256);
		};
	}

	/** Removes a file and its thumbnail (the caller knows no row refers to them). */
	async remove(sha256: string): Promise<void> {
		await fs.promises.rm(this.pathOf(sha256), { force: true });
		await fs.promises.rm(this.pathOf(sha256, 'thumbnail'), { force: true });
	}

	/**
	 * Stored files, and half-written ones in `incoming/`, untouched for `olderThanMs`: candidates for
	 * a sweep. Yields the SHA-256 of a stored file, or the path of a leftover temporary file.
	 */
	async *stale(olderThanMs: number): AsyncGenerator<{ sha256: string } | { temp: string }> {
		const before = Date.now() - olderThanMs;
		let folders: string[];
		try {
			folders = await fs.promises.readdir(this.dir);
		} catch {
			return; // nothing uploaded yet
		}
		for (const folder of folders) {
			const full = path.join(this.dir, folder);
			for (const name of await fs.promises.readdir(full).catch(() => [])) {
				const file = path.join(full, name);
				const stat = await fs.promises.stat(file).catch(() => null);
				if (!stat?.isFile() || stat.mtimeMs > before) continue;
				if (folder === 'incoming') yield { temp: file };
				else if (/^[0-9a-f]{64}$/.test(name)) yield { sha256: name };
			}
		}
	}

	pathOf(sha256: string, variant: 'original' | 'thumbnail' = 'original'): string {
		if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
		const name = variant === 'thumbnail' ? `${sha256}.thumb.webp` : sha256;
		return path.join(this.dir, sha256.slice(0, 2), name);
	}

	/** Streams the body to disk while hashing and counting it; refuses it past the limit. */
	async save(body: ReadableStream<Uint8Array> | null): Promise<StoredFile> {
		if (!body) throw invalidFile('The file is empty: choose a photo, sketch or PDF');
		await fs.promises.mkdir(path.join(this.dir, 'incoming'), { recursive: true });
		const temp = path.join(this.dir, 'incoming', randomBytes(12).toString('hex'));
		const hash = createHash('sha256');
		const out = fs.createWriteStream(temp);
		let byteSize = 0;
		let head: Uint8Array = new Uint8Array(0);
		try {
			// Past the limit the rest is read and dropped, so the client hears our answer rather than
			// a reset connection while it is still sending (adapter-node's BODY_SIZE_LIMIT ends it).
			for await (const chunk of readBody(body)) {
				byteSize += chunk.byteLength;
				if (byteSize > MAX_UPLOAD_BYTES) continue;
				if (head.length < 16) head = concat(head, chunk.subarray(0, 16));
				hash.update(chunk);
				if (!out.write(chunk))
					await new Promise<void>((resolve) => out.once('drain', () => resolve()));
			}
			if (byteSize > MAX_UPLOAD_BYTES) throw tooLarge();
			await new Promise<void>((resolve, reject) =>
				out.end((error?: Error) => (error ? reject(error) : resolve()))
			);
			if (byteSize === 0) throw invalidFile('The file is empty: choose a photo, sketch or PDF');
			const mediaType = sniffType(head);
			if (!mediaType) {
				throw invalidFile(
					'This file is not a JPEG, PNG or WebP image or a PDF (judged by its contents, not its name)'
				);
			}
			const sha256 = hash.digest('hex');
			// Pinned from before its name exists: a sweep or a refused twin never removes it meanwhile.
			const release = this.pin(sha256);
			try {
				const size = mediaType === 'application/pdf' ? null : await this.#thumbnail(temp, sha256);
				const final = this.pathOf(sha256);
				await fs.promises.mkdir(path.dirname(final), { recursive: true });
				await fs.promises.rename(temp, final);
				return {
					sha256,
					mediaType,
					byteSize,
					width: size?.width ?? null,
					height: size?.height ?? null,
					release
				};
			} catch (error) {
				release();
				throw error;
			}
		} catch (error) {
			await discard(out, temp);
			throw error;
		}
	}

	/** Decoding the whole image proves it is one; the small WebP keeps the order page light. */
	async #thumbnail(file: string, sha256: string): Promise<{ width: number; height: number }> {
		const { default: sharp } = await import('sharp');
		try {
			const image = sharp(file, { limitInputPixels: 100_000_000 }).rotate();
			const { width, height } = await image.metadata();
			const target = this.pathOf(sha256, 'thumbnail');
			await fs.promises.mkdir(path.dirname(target), { recursive: true });
			await image
				.clone()
				.resize({ width: 480, height: 480, fit: 'inside', withoutEnlargement: true })
				.webp({ quality: 78 })
				.toFile(target);
			return { width: width ?? 0, height: height ?? 0 };
		} catch {
			throw invalidFile('This image could not be read: it may be damaged or not really an image');
		}
	}
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}

/**
 * Drops a refused upload. The file is removed only once its stream has closed: a stream destroyed
 * before it finished opening would otherwise create the file after we removed it.
 */
async function discard(out: fs.WriteStream, file: string): Promise<void> {
	if (!out.closed) {
		const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
		out.destroy();
		await closed;
	}
	await fs.promises.rm(file, { force: true });
}

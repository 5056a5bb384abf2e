import { MAX_IMPORT_BYTES } from '../../import/csv-read';
import { DomainError } from '../errors';

const tooLarge = () =>
	new DomainError(
		413,
		'too_large',
		`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it into smaller files`,
		{ field: 'file' }
	);

/**
 * An upload's bytes: the file itself as the body (any content type but JSON), or a form's `file`
 * field. Reading stops at the limit.
 */
export async function readUpload(request: Request): Promise<{ bytes: Uint8Array; name: string }> {
	const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
	const url = new URL(request.url);
	if (Number(request.headers.get('content-length') ?? 0) > MAX_IMPORT_BYTES + 64 * 1024) {
		throw tooLarge();
	}
	try {
		if (type === 'multipart/form-data') {
			const file = (await request.formData()).get('file');
			if (!(file instanceof File)) {
				throw new DomainError(
					400,
					'invalid',
					'file is required: send the CSV as the form field "file"',
					{
						field: 'file'
					}
				);
			}
			if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
			return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
		}
		const chunks: Uint8Array[] = [];
		let size = 0;
		if (request.body) {
			for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
				size += chunk.length;
				if (size > MAX_IMPORT_BYTES) throw tooLarge();
				chunks.push(chunk);
			}
		}
		return { bytes: Buffer.concat(chunks), name: url.searchParams.get('fileName') ?? 'upload.csv' };
	} catch (error) {
		if (error instanceof DomainError) throw error;
		if ((error as { status?: number }).status === 413) throw tooLarge();
		throw new DomainError(400, 'invalid', 'file could not be read: send it again', {
			field: 'file'
		});
	}
}

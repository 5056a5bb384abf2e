/** What the API answers when it refuses: `{ error: { code, message, field?, current? } }`. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly field: string | null = null,
		readonly current: unknown = null
	) {
		super(message);
	}
}

/** The server did not answer at all (offline, restarting): nothing was changed. */
const NO_ANSWER = 'The server did not answer. Nothing was changed; try again in a moment.';

async function errorFrom(response: Response): Promise<ApiError> {
	const body = await response.json().catch(() => null);
	const error = body?.error;
	if (!error)
		return new ApiError(response.status, 'http', `The server answered ${response.status}`);
	return new ApiError(
		response.status,
		error.code,
		error.message,
		error.field ?? null,
		error.current
	);
}

/**
 * A JSON request to our API: the parsed answer, or a thrown ApiError with the server's words. Every
 * screen's HTTP goes through here; `src/lib/api/` names each call with its request and answer types.
 */
export async function api<T>(
	method: string,
	url: string,
	body?: unknown,
	options: { signal?: AbortSignal; cache?: RequestCache; idempotencyKey?: string } = {}
): Promise<T> {
	const { idempotencyKey, ...init } = options;
	let response: Response;
	try {
		response = await fetch(url, {
			method,
			headers: {
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				// Sent again after a lost answer or from the offline queue, it is applied once.
				...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {})
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			...init
		});
	} catch (error) {
		// A search overtaken by the next key press is not the server's silence.
		if (options.signal?.aborted) throw error;
		throw new ApiError(0, 'offline', NO_ANSWER);
	}
	if (!response.ok) throw await errorFrom(response);
	return response.json() as Promise<T>;
}

/**
 * Sends a file's bytes as the body. XMLHttpRequest rather than fetch because only it reports
 * upload progress, which matters for a 10 MB photo over the shop's Wi-Fi.
 */
export function uploadFile<T>(
	url: string,
	file: File,
	onprogress: (fraction: number) => void,
	idempotencyKey?: string
): Promise<T> {
	return new Promise((resolve, reject) => {
		const request = new XMLHttpRequest();
		request.open('POST', url);
		request.setRequestHeader('accept', 'application/json');
		if (idempotencyKey) request.setRequestHeader('idempotency-key', idempotencyKey);
		request.setRequestHeader('content-type', file.type || 'application/octet-stream');
		request.upload.onprogress = (event) => {
			if (event.lengthComputable) onprogress(event.loaded / event.total);
		};
		request.onerror = () => reject(new ApiError(0, 'offline', NO_ANSWER));
		request.onload = () => {
			let body: { error?: { code: string; message: string; field?: string } } | null = null;
			try {
				body = JSON.parse(request.responseText);
			} catch {
				// a proxy's HTML error page: reported by status below
			}
			if (request.status >= 200 && request.status < 300) return resolve(body as T);
			const error = body?.error;
			reject(
				error
					? new ApiError(request.status, error.code, error.message, error.field ?? null)
					: new ApiError(request.status, 'http', `The server answered ${request.status}`)
			);
		};
		request.send(file);
	});
}

import type { Mapping } from '$lib/import/columns';

/** The page's calls to the imports API: each answers its JSON, or throws the API's message. */

async function answer<T>(response: Response): Promise<T> {
	const body = await response.json().catch(() => null);
	if (!response.ok) {
		throw new Error(body?.error?.message ?? `The server answered ${response.status}: try again`);
	}
	return body as T;
}

export const uploadFile = (file: File) =>
	fetch(`/api/v1/imports?fileName=${encodeURIComponent(file.name)}`, {
		method: 'POST',
		headers: { 'content-type': 'text/csv' },
		body: file
	}).then(answer);

const post = (path: string, mapping: Mapping) =>
	fetch(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ mapping })
	});

export const previewWith = (id: number, mapping: Mapping) =>
	post(`/api/v1/imports/${id}/preview`, mapping).then(answer);

export const startWith = (id: number, mapping: Mapping) =>
	post(`/api/v1/imports/${id}/start`, mapping).then(answer);

export const statusOf = (id: number) => fetch(`/api/v1/imports/${id}`).then(answer);

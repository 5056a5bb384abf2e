import { ApiError } from '$lib/api/client';
import { readWeight } from '$lib/words/custody';
import type { MoneyFormat } from '$lib/money';
import { FieldError, textOrNull } from '$lib/order/draft.svelte';

/** Someone on the staff an item can be handed to (GET /api/v1/people). */
export interface Person {
	id: number;
	name: string;
}

/** Where an item goes, as the form holds it: a kind, and the person, vendor or place typed. */
export interface HolderValues {
	toKind: string;
	userId: string;
	vendorId: string;
	place: string;
	[field: string]: string;
}

/** The API's `to`; a choice left empty is refused at its field before anything is sent. */
export function holderInput(values: HolderValues) {
	if (values.toKind === 'vendor') {
		if (!values.vendorId) throw new FieldError('vendorId', 'Choose the vendor');
		return { kind: 'vendor' as const, vendorId: Number(values.vendorId) };
	}
	if (values.toKind === 'place') {
		const place = values.place.trim();
		if (!place) throw new FieldError('place', 'Say where it goes, like Safe');
		return { kind: 'place' as const, place };
	}
	if (!values.userId) throw new FieldError('userId', 'Choose who takes it');
	return { kind: 'person' as const, userId: Number(values.userId) };
}

function weightOf(text: string, field = 'weight'): number | null {
	const read = readWeight(text);
	if ('error' in read) throw new FieldError(field, read.error);
	return read.weight;
}

/** `money` is the shop's way of writing amounts, or null when the viewer may not edit money. */
export function checkInBody(
	values: HolderValues & { kind: string; description: string; weight: string; weightUnit: string },
	money: MoneyFormat | null
) {
	const body: Record<string, unknown> = {
		kind: values.kind,
		description: values.description.trim(),
		weight: weightOf(values.weight),
		weightUnit: values.weightUnit,
		to: holderInput(values),
		note: textOrNull(values.note ?? '')
	};
	if (money) {
		const text = (values.declaredValueCents ?? '').trim();
		const cents = text ? money.parse(text) : null;
		if (text && cents === null)
			throw new FieldError('declaredValueCents', `An amount, like ${money.example}`);
		body.declaredValueCents = cents;
	}
	return body;
}

export function handoffBody(values: HolderValues & { weight: string }, version: number) {
	return {
		version,
		to: holderInput(values),
		weight: weightOf(values.weight),
		note: textOrNull(values.note ?? '')
	};
}

export function returnBody(values: { weight: string; note: string }, version: number) {
	return { version, weight: weightOf(values.weight), note: textOrNull(values.note) };
}

/**
 * The API names `to.place`, `to.vendorId`, `to`; the form has one field for each choice. A refusal
 * is turned into an error at the field the person sees, in their words.
 */
export function atField(error: unknown, values: Record<string, string>): unknown {
	if (!(error instanceof ApiError) || !error.field || error.status === 409) return error;
	const field = error.field;
	let words = error.message.startsWith(`${field} `)
		? error.message.slice(field.length + 1)
		: error.message;
	let target = field;
	if (field === 'to' || field.startsWith('to.')) {
		const chosen = values.toKind === 'vendor' ? 'vendorId' : values.toKind;
		target = field === 'to' ? (chosen === 'person' ? 'userId' : chosen) : field.slice(3);
		if (words.startsWith('is ')) words = `That ${words}`;
	}
	if (!(target in values)) return error;
	return new FieldError(target, words.charAt(0).toUpperCase() + words.slice(1));
}

/** A hand-off starts at "me", unless the item is already with me. */
export function holderStart(
	viewerId: number,
	current: { kind: string; id?: number } | null = null
): HolderValues {
	const mine = current?.kind === 'person' && current.id === viewerId;
	return { toKind: 'person', userId: mine ? '' : String(viewerId), vendorId: '', place: '' };
}

/** Photos the server takes of an item (a PDF is no photo of a ring). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;

/** Why a chosen file cannot be uploaded, or null when it can. */
export function photoProblem(file: { name: string; type: string; size: number }): string | null {
	if (!PHOTO_TYPES.includes(file.type)) return `${file.name} is not a JPEG, PNG or WebP photo.`;
	if (file.size > MAX_PHOTO_BYTES)
		return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 15 MB.`;
	return null;
}

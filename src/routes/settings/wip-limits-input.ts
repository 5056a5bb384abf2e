import { DomainError } from '$lib/server/errors';
import { BOARD_STAGES } from '$lib/stages';

const needs = (field: string, message: string) =>
	new DomainError(400, 'invalid', message, { field });

/** A limit as typed: empty is no limit; anything else goes to the check, which names the field. */
function limitOf(value: FormDataEntryValue | null): unknown {
	const text = String(value ?? '').trim();
	if (!text) return null;
	return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/**
 * The settings form as a change of limits: every box says what its limit is now (empty: none), and
 * "Another jeweler" adds one. The form's field names are the API's (`stages.design`).
 */
export function wipLimitsInput(form: FormData) {
	const jewelers: Record<string, unknown> = {};
	for (const [key, value] of form) {
		if (key.startsWith('jewelers.')) jewelers[key.slice('jewelers.'.length)] = limitOf(value);
	}
	const newName = String(form.get('newName') ?? '').trim();
	const newLimit = limitOf(form.get('newLimit'));
	if (newName && newLimit === null) throw needs('newLimit', `Give ${newName} a limit`);
	if (!newName && newLimit !== null) throw needs('newName', 'Name the jeweler this limit is for');
	if (newName) jewelers[newName] = newLimit;
	return {
		stages: Object.fromEntries(
			BOARD_STAGES.map((stage) => [stage, limitOf(form.get(`stages.${stage}`))])
		),
		perJeweler: limitOf(form.get('perJeweler')),
		jewelers
	};
}

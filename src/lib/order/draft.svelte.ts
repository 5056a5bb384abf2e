import type { OpenEditor } from './page.svelte';
import type { Order } from '../types';
import { ApiError } from '../api/client';

export type FormValues = Record<string, string | boolean>;

/**
 * A section's form while it is open: the values typed, the values the server had when editing began
 * (`base`), and per field the server's complaint or a note that someone else changed it meanwhile.
 * Only fields that differ from `base` are sent, so a save never writes back what it did not touch.
 */
export class Draft<T extends FormValues> {
	values: T = $state() as T;
	errors = $state<Record<string, string>>({});
	/** Fields someone else changed while this form was open: field → who. */
	theirs = $state<Record<string, string>>({});
	saving = $state(false);
	/** A message that belongs to no one field. */
	problem = $state('');
	#base: T;

	constructor(start: T) {
		this.values = { ...start };
		this.#base = { ...start };
	}

	/** The fields the person changed, as typed. */
	changed(): Partial<T> {
		const out: Partial<T> = {};
		for (const key of Object.keys(this.values) as (keyof T)[]) {
			if (this.values[key] !== this.#base[key]) out[key] = this.values[key];
		}
		return out;
	}

	get dirty(): boolean {
		return Object.keys(this.changed()).length > 0;
	}

	/**
	 * The server's values moved on: fields the person did not touch follow them; fields they did
	 * keep their edit and are marked, so nothing they typed is lost and nothing is overwritten
	 * unseen.
	 */
	rebase(latest: T, who: string): void {
		for (const key of Object.keys(latest) as (keyof T & string)[]) {
			if (latest[key] === this.#base[key]) continue;
			if (this.values[key] === this.#base[key]) this.values[key] = latest[key];
			this.theirs[key] = who;
		}
		this.#base = { ...latest };
	}

	/** Runs a save; a refusal is shown beside its field (or above the form) and the form stays open. */
	async save(work: () => Promise<unknown>): Promise<boolean> {
		this.saving = true;
		this.errors = {};
		this.problem = '';
		try {
			await work();
			return true;
		} catch (error) {
			this.fail(error);
			return false;
		} finally {
			this.saving = false;
		}
	}

	fail(error: unknown): void {
		if (error instanceof FieldError) this.errors = { [error.field]: error.message };
		else if (error instanceof ApiError && error.status === 409) this.problem = '';
		else if (error instanceof ApiError && error.field && error.field in this.values) {
			// "dueDate must be a date like 2026-06-14": beside its field, the name is already said.
			const words = error.message.startsWith(`${error.field} `)
				? error.message.slice(error.field.length + 1)
				: error.message;
			this.errors = { [error.field]: words.charAt(0).toUpperCase() + words.slice(1) };
		} else if (error instanceof ApiError) this.problem = error.message;
		else this.problem = 'Something went wrong. Nothing was changed.';
	}
}

/** A value the browser can already tell is wrong (an amount that is not one), before sending. */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

/** Form text to the API's value: blank is null. */
export const textOrNull = (value: string | boolean) => {
	const text = String(value).trim();
	return text === '' ? null : text;
};

/**
 * A form over part of the order: opened from the order as it is, told when the order changes, and
 * saved with only what changed. `submit` gets the changed fields and sends them.
 */
export class OrderForm<T extends FormValues> {
	draft = $state<Draft<T> | null>(null);
	#stop: (() => void) | null = null;

	constructor(
		private readonly page: { order: Order; track(editor: OpenEditor): () => void },
		private readonly toForm: (order: Order) => T | null,
		private readonly submit: (changed: Partial<T>, draft: Draft<T>) => Promise<unknown>
	) {}

	open(): void {
		const start = this.toForm(this.page.order);
		if (!start) return;
		this.draft = new Draft(start);
		this.#stop = this.page.track({
			rebase: (latest, who) => {
				const next = this.toForm(latest);
				if (next) this.draft?.rebase(next, who);
				else if (this.draft) this.draft.problem = `${who} removed this while you were editing.`;
			}
		});
	}

	close(): void {
		this.#stop?.();
		this.#stop = null;
		this.draft = null;
	}

	async save(): Promise<void> {
		const draft = this.draft;
		if (!draft) return;
		const changed = draft.changed();
		if (Object.keys(changed).length === 0) return this.close();
		if (await draft.save(() => this.submit(changed, draft))) this.close();
	}
}

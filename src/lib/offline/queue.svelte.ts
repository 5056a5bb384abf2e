import { createStore, del, delMany, entries, keys, set, type UseStore } from 'idb-keyval';
import { newChangeKey } from './change-key';
import type { BoardStage } from '../stages';

/**
 * A change made while the server could not be reached (issue #20): kept in the browser, in the order
 * it was made, until it is sent. Its key, made when it was queued, is sent with it every time, so
 * the server applies it once however often it arrives.
 */
export type QueuedMove = {
	kind: 'move';
	key: string;
	orderId: number;
	number: string;
	/** Where the card was when it was moved, and the version seen then. */
	from: BoardStage;
	version: number;
	stage: BoardStage;
	afterId: number | null;
	queuedAt: string;
};

/**
 * A change inside an order made offline (a hand-off, a stone received or set, a blocker added or
 * resolved): the request as the order page would have sent it, and what it was, in words.
 */
export type QueuedRequest = {
	kind: 'request';
	key: string;
	orderId: number;
	number: string;
	method: 'POST' | 'PATCH';
	path: string;
	body: unknown;
	/** "Hand-off of the heirloom ring to the safe". */
	label: string;
	queuedAt: string;
};

/** A photo or a document added offline: its bytes are kept in the browser until sent. */
export type QueuedUpload = {
	kind: 'upload';
	key: string;
	orderId: number;
	number: string;
	/** What the upload's query says: kind, file name, caption. */
	meta: Record<string, string>;
	file: File;
	/** "Photo: ring-front.jpg". */
	label: string;
	queuedAt: string;
};

export type QueuedChange = QueuedMove | QueuedRequest | QueuedUpload;

let store: UseStore | undefined;
/** One database for the queues of everyone who signs in on this browser, each under their id. */
const database = () => (store ??= createStore('benchboard-offline', 'queues'));

/**
 * One person's waiting changes on this browser. It survives a reload, is read back by whoever
 * signs in as that person, and is emptied when they sign out. Each change is a record of its own
 * in IndexedDB, named by the person and the moment it was made: two tabs add and remove their own
 * records without writing over each other's, and one big photo never keeps the others from being
 * kept.
 */
export class ChangeQueue {
	items = $state<QueuedChange[]>([]);
	readonly #prefix: string;
	#loaded: Promise<void> | undefined;
	/** Whether the queue is being sent right now (by the board or an order, whichever is open). */
	sending = false;

	/** One queue per person in a tab: the board and the order beside it add to the same one. */
	static #mine = new Map<number, ChangeQueue>();
	static of(userId: number): ChangeQueue {
		// On the server (a page rendered before it reaches the browser) there is nothing to keep.
		if (typeof window === 'undefined') return new ChangeQueue(userId);
		let queue = ChangeQueue.#mine.get(userId);
		if (!queue) ChangeQueue.#mine.set(userId, (queue = new ChangeQueue(userId)));
		return queue;
	}

	private constructor(userId: number) {
		this.#prefix = `user:${userId}|`;
		this.name = `benchboard-queue-${userId}`;
	}

	/** The queue's name, for a lock across tabs. */
	readonly name: string;

	get count(): number {
		return this.items.length;
	}

	/** Reads what was queued before this page (a reload while offline). */
	load(): Promise<void> {
		this.#loaded ??= this.refresh();
		return this.#loaded;
	}

	/** Reads the queue as this browser holds it now: other tabs may have added or sent changes. */
	async refresh(): Promise<void> {
		const records = await entries<string, QueuedChange>(database()).catch(() => []);
		this.items = records
			.filter(([name]) => name.startsWith(this.#prefix))
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([, change]) => change);
	}

	/**
	 * Queues a move, after everything queued before it. A card moved twice offline is two changes:
	 * the second goes out on the version the first one made (replay.ts).
	 */
	async add(move: Omit<QueuedMove, 'kind' | 'key' | 'queuedAt'>, key?: string) {
		return this.#append<QueuedMove>({ kind: 'move', ...move }, key);
	}

	/** Queues a change inside an order (a request, an upload), after everything queued before it. */
	async addRequest(request: Omit<QueuedRequest, 'kind' | 'key' | 'queuedAt'>, key?: string) {
		return this.#append({ kind: 'request', ...request }, key);
	}

	async addUpload(upload: Omit<QueuedUpload, 'kind' | 'key' | 'queuedAt'>, key?: string) {
		return this.#append({ kind: 'upload', ...upload }, key);
	}

	/** A queued change as it is about to be sent again (on a newer version). */
	async replace(change: QueuedChange): Promise<void> {
		await set(this.#record(change), change, database());
		this.items = this.items.map((item) => (item.key === change.key ? change : item));
	}

	/**
	 * Keeps the change, or throws when the browser would not store it (its storage full, a private
	 * window): the screen must not say "kept" for a change it would lose.
	 */
	async #append<T extends QueuedChange>(
		change: Omit<T, 'key' | 'queuedAt'>,
		key?: string
	): Promise<T> {
		const queued = {
			...change,
			key: key ?? newChangeKey(),
			// To the microsecond: the order the changes were made in, across tabs too.
			queuedAt: moment()
		} as T;
		await set(this.#record(queued), queued, database());
		this.items = [...this.items, queued];
		return queued;
	}

	/** The changes queued for an order, oldest first. */
	for(orderId: number): QueuedChange[] {
		return this.items.filter((item) => item.orderId === orderId);
	}

	async remove(change: QueuedChange): Promise<void> {
		await del(this.#record(change), database()).catch(() => {});
		this.items = this.items.filter((item) => item.key !== change.key);
	}

	/** Signing out: nothing of this person's stays behind to be sent by someone else. */
	async clear(): Promise<void> {
		this.items = [];
		const names = await keys<string>(database()).catch(() => [] as string[]);
		await delMany(
			names.filter((name) => name.startsWith(this.#prefix)),
			database()
		).catch(() => {});
	}

	#record(change: QueuedChange): string {
		return `${this.#prefix}${change.queuedAt}|${change.key}`;
	}
}

/** Now, as a sortable string to the microsecond. */
function moment(): string {
	const now = performance.timeOrigin + performance.now();
	const micros = Math.floor((now % 1) * 1000)
		.toString()
		.padStart(3, '0');
	return `${new Date(Math.floor(now)).toISOString().slice(0, -1)}${micros}Z`;
}

import { createStore, del, get, set, type UseStore } from 'idb-keyval';
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
 * signs in as that person, and is emptied when they sign out.
 */
export class ChangeQueue {
	items = $state<QueuedChange[]>([]);
	readonly #name: string;
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
		this.#name = `user:${userId}`;
	}

	get count(): number {
		return this.items.length;
	}

	/** Reads what was queued before this page (a reload while offline). */
	load(): Promise<void> {
		this.#loaded ??= (async () => {
			const kept = await get<QueuedChange[]>(this.#name, database()).catch(() => undefined);
			if (kept?.length) this.items = [...kept, ...this.items];
		})();
		return this.#loaded;
	}

	/**
	 * Queues a move, after everything queued before it. A card moved twice offline is two changes:
	 * the second goes out on the version the first one made (replay.ts).
	 */
	async add(move: Omit<QueuedMove, 'kind' | 'key' | 'queuedAt'>, key?: string) {
		return this.#append<QueuedMove>({ kind: 'move', ...move }, key);
	}

	/** A queued change as it is about to be sent again (on a newer version). */
	async replace(change: QueuedChange): Promise<void> {
		this.items = this.items.map((item) => (item.key === change.key ? change : item));
		await this.#save();
	}

	/** Queues a change inside an order (a request, an upload), after everything queued before it. */
	async addRequest(request: Omit<QueuedRequest, 'kind' | 'key' | 'queuedAt'>, key?: string) {
		return this.#append({ kind: 'request', ...request }, key);
	}

	async addUpload(upload: Omit<QueuedUpload, 'kind' | 'key' | 'queuedAt'>, key?: string) {
		return this.#append({ kind: 'upload', ...upload }, key);
	}

	async #append<T extends QueuedChange>(
		change: Omit<T, 'key' | 'queuedAt'>,
		key?: string
	): Promise<T> {
		const queued = {
			...change,
			key: key ?? newChangeKey(),
			queuedAt: new Date().toISOString()
		} as T;
		this.items = [...this.items, queued];
		await this.#save();
		return queued;
	}

	/** The changes queued for an order, oldest first. */
	for(orderId: number): QueuedChange[] {
		return this.items.filter((item) => item.orderId === orderId);
	}

	async remove(key: string): Promise<void> {
		this.items = this.items.filter((item) => item.key !== key);
		await this.#save();
	}

	/** Signing out: nothing of this person's stays behind to be sent by someone else. */
	async clear(): Promise<void> {
		this.items = [];
		await del(this.#name, database()).catch(() => {});
	}

	async #save(): Promise<void> {
		const plain = $state.snapshot(this.items);
		if (plain.length) await set(this.#name, plain, database()).catch(() => {});
		else await del(this.#name, database()).catch(() => {});
	}
}

import { api, ApiError } from './api-client';
import type { ShopFormat } from './format';
import type { OrderHistory } from './history-words';
import { describeChanges, EVENT_WORDS } from './order-format';
import { watchEvents } from './order-live.svelte';
import type { ShopProfile } from './shop';
import { OwnChanges, UNDO_OFFER_MS } from './own-changes';
import { STAGE_LABELS } from './stages';
import type { Order, OrderCard, OrderEvent, Vendor } from './types';

/** How long a move or a save waits for its event before it asks the history for its seq. */
const EVENT_GRACE_MS = 1200;

/** What the viewer's role may do on this page, decided on the server. */
export interface OrderAbilities {
	edit: boolean;
	move: boolean;
	moneyRead: boolean;
	moneyEdit: boolean;
	stonesEdit: boolean;
	stonesState: boolean;
	attachmentsAdd: boolean;
	blockersEdit: boolean;
	vendorJobsEdit: boolean;
	customersRead: boolean;
	/** Take an item in from the customer, or hand it back. */
	custodyCheckIn: boolean;
	/** Pass an item on: to a person, a vendor, a place in the shop. */
	custodyHandOff: boolean;
	pickUp: boolean;
	/** Release a piece with a balance still owed (with a reason). */
	releaseOverride: boolean;
	/** Send the customer messages and hand out the order's status link. */
	contactCustomer: boolean;
}

/** What the order page's load returns, and what the board's side panel preloads. */
export interface OrderPageData {
	order: Order;
	vendors: Vendor[];
	abilities: OrderAbilities;
	viewer: { id: number; name: string };
	today: string;
}

/** A form that is open: told when the order changed under it, so it can keep its edits on top. */
export interface OpenEditor {
	rebase(latest: Order, who: string): void;
}

/** A button in a notice: "Undo". */
export type NoticeAction = { label: string; run: () => void };

export type PageNotice = {
	kind: 'info' | 'error' | 'conflict';
	text: string;
	action?: NoticeAction;
};

/**
 * The order as this screen knows it, shared by its sections: every write goes through `send`, which
 * takes the whole order the server answers with; changes by others arrive as events and reload it.
 */
export class OrderPage {
	order = $state.raw() as Order;
	notice = $state<PageNotice | null>(null);
	readonly vendors: Vendor[];
	readonly abilities: OrderAbilities;
	readonly viewer: { id: number; name: string };
	readonly today: string;
	/** The shop's, read at each use: a change of its locale is heard live. */
	readonly #shop: { readonly format: ShopFormat; receive?(profile: ShopProfile): void };

	#editors = new Set<OpenEditor>();
	#lastOther: { name: string; at: number } | null = null;
	#loading = false;
	/** Our own writes under way: the server may broadcast their events before it answers us. */
	#writing = 0;
	#again = false;
	#noticeTimer: ReturnType<typeof setTimeout> | undefined;
	/** Counts notices, so a late Undo goes only onto the notice it belongs to. */
	#shown = 0;
	/** Our moves and saves from this screen, waiting for their events (the seq an undo names). */
	#own: OwnChanges<{ text: string; shown: number }>;

	constructor(
		data: OrderPageData,
		shop: { readonly format: ShopFormat; receive?(profile: ShopProfile): void }
	) {
		this.#shop = shop;
		this.order = data.order;
		this.vendors = data.vendors;
		this.abilities = data.abilities;
		this.viewer = data.viewer;
		this.today = data.today;
		this.#own = new OwnChanges(data.viewer.id);
	}

	get url(): string {
		return `/api/v1/orders/${this.order.id}`;
	}

	/** Keeps a form told of changes while it is open; returns the function that closes it. */
	track(editor: OpenEditor): () => void {
		this.#editors.add(editor);
		return () => this.#editors.delete(editor);
	}

	/**
	 * An order-scoped write (`path` under the order's URL). A 409 reloads the order and rethrows, so
	 * the form that sent it stays open with its edits on top of the latest version.
	 */
	async send(method: string, path: string, body?: unknown): Promise<Order> {
		const order = await this.write(() => api<Order>(method, this.url + path, body), path);
		if (method === 'PATCH' && path === '') this.#done('order.updated', order.version, 'Saved.');
		return order;
	}

	/** Runs one of our own writes; its events are then ours to skip (the answer brings the order). */
	async write(work: () => Promise<Order>, path = '/'): Promise<Order> {
		this.#writing++;
		try {
			const order = await work();
			this.#take(order);
			return order;
		} catch (error) {
			if (error instanceof ApiError && error.status === 409) await this.reload('conflict');
			if (error instanceof ApiError && error.status === 404 && path) await this.reload('quiet');
			throw error;
		} finally {
			this.#writing--;
		}
	}

	/** Moving answers with the card only: its fields are the order's, so they are merged in. */
	async move(stage: string): Promise<void> {
		try {
			const card = await api<OrderCard>('POST', `${this.url}/move`, {
				stage,
				afterId: null,
				version: this.order.version
			});
			this.#take({ ...this.order, ...card });
			this.#done('order.moved', card.version, `Moved to ${STAGE_LABELS[card.stage]}.`);
		} catch (error) {
			if (error instanceof ApiError && error.status === 409) await this.reload('conflict');
			throw error;
		}
	}

	/** Our move or edit went through: said at once, with an Undo as soon as its event is here. */
	#done(type: 'order.moved' | 'order.updated', version: number, text: string) {
		// The notice shown next is this one's: its event, if it comes later, adds the Undo to it.
		const shown = this.#shown + 1;
		const paired = this.#own.answered(this.order.id, type, version, { text, shown });
		this.#offer(text, paired?.seq);
		if (!paired) setTimeout(() => void this.#lookUp(type, version, shown), EVENT_GRACE_MS);
	}

	/** The event did not come (the link was not up yet, or dropped): the history has its seq. */
	async #lookUp(type: 'order.moved' | 'order.updated', version: number, shown: number) {
		const waiting = () => this.#shown === shown && this.notice !== null;
		if (!waiting()) return;
		try {
			const { entries } = await api<OrderHistory>('GET', `${this.url}/history`);
			const entry = entries.findLast(
				(entry) =>
					entry.type === type &&
					entry.actorId === this.viewer.id &&
					entry.after.version === version &&
					entry.undoOf === undefined
			);
			if (entry && waiting()) this.#offer(this.notice!.text, entry.seq);
		} catch {
			// The notice stays without its Undo: the change can still be changed back by hand.
		}
	}

	#offer(text: string, seq?: number) {
		const action =
			seq === undefined ? undefined : { label: 'Undo', run: () => void this.undo(seq) };
		this.show('info', text, UNDO_OFFER_MS, action);
	}

	/**
	 * Takes back our latest move or edit (`seq`, its event). The server refuses once anything else
	 * happened to the order, or the window is over: its words say why.
	 */
	async undo(seq: number): Promise<void> {
		const before = this.order;
		this.dismiss();
		try {
			const order = await this.send('POST', '/undo', { seq });
			const changes = describeChanges(before, order, this.#shop.format);
			this.show('info', `Undone${changes.length ? `: ${changes.join(' · ')}` : ''}.`, 6000);
		} catch (error) {
			const text = error instanceof ApiError ? error.message : 'The change could not be undone.';
			this.show('error', /[.!?]$/.test(text) ? text : `${text}.`, 10_000);
		}
	}

	#take(order: Order) {
		if (order.version < this.order.version && order.id === this.order.id) return;
		this.order = order;
	}

	/** Who last changed the order from another screen, if we heard it recently. */
	#who(): string {
		const other = this.#lastOther;
		return other && Date.now() - other.at < 60_000 ? other.name : 'Someone';
	}

	/**
	 * Fetches the latest order and says what changed. After a refused save ('conflict') the words
	 * say the edit was kept; after an event ('event') they are a calm note; 'quiet' says nothing.
	 */
	async reload(reason: 'event' | 'conflict' | 'quiet', event?: OrderEvent): Promise<void> {
		if (this.#loading) {
			this.#again = true;
			return;
		}
		this.#loading = true;
		try {
			do {
				this.#again = false;
				const before = this.order;
				const latest = await api<Order>('GET', this.url);
				this.order = latest;
				const who = event?.actor.name ?? latest.lastChangedBy ?? this.#who();
				const changes = describeChanges(before, latest, this.#shop.format);
				for (const editor of this.#editors) editor.rebase(latest, who);
				if (reason === 'conflict') {
					const what = changes.length ? `: ${changes.join(' · ')}.` : '.';
					this.show(
						'conflict',
						`${who} changed this order while you were editing${what} Your edits are still here: check them and save again.`,
						0
					);
				} else if (reason === 'event' && changes.length) {
					this.show('info', `${who} changed this order: ${changes.join(' · ')}.`, 8000);
				} else if (reason === 'event' && event && event.actor.id !== this.viewer.id) {
					this.show('info', `${event.actor.name} ${EVENT_WORDS[event.type]}.`, 6000);
				}
			} while (this.#again);
		} catch (error) {
			if (error instanceof ApiError && error.status === 404) {
				this.show('error', 'This order is no longer available (it may have been archived).', 0);
			}
		} finally {
			this.#loading = false;
		}
	}

	show(kind: PageNotice['kind'], text: string, timeout: number, action?: NoticeAction) {
		this.#shown++;
		this.notice = action ? { kind, text, action } : { kind, text };
		clearTimeout(this.#noticeTimer);
		if (timeout > 0) this.#noticeTimer = setTimeout(() => (this.notice = null), timeout);
	}

	dismiss() {
		clearTimeout(this.#noticeTimer);
		this.notice = null;
	}

	/** Keeps the order live; returns the function that stops it. */
	connect(): () => void {
		return watchEvents(
			(event) =>
				event.orderId === this.order.id ||
				(event.orderId === null && event.customerId === this.order.customerId),
			(event) => {
				const ours = event.actor.id === this.viewer.id;
				if (!ours) this.#lastOther = { name: event.actor.name, at: Date.now() };
				const paired = this.#own.heard(event);
				if (paired && this.notice && this.#shown === paired.value.shown) {
					this.#offer(paired.value.text, paired.seq);
				}
				// Our own write brings the order with its answer; another screen of ours just reloads.
				if (ours && this.#writing > 0) return;
				const version = event.payload.after.version;
				if (ours && version !== undefined && version <= this.order.version) return;
				void this.reload(ours ? 'quiet' : 'event', event);
			},
			() => void this.reload('event'),
			(profile) => this.#shop.receive?.(profile)
		);
	}
}

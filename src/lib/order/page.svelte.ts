import type { LocationSummary } from '../locations';
import type { ForecastHistory } from '../forecast/history';
import type { OrderAnswer } from '../api/answers';
import { newChangeKey } from '../offline/change-key';
import { ApiError } from '../api/client';
import { changeOrder, getOrder, moveOrder, undoChange, uploadAttachment } from '../api/orders';
import type { OrderEvent } from '../events';
import type { ShopFormat } from '../words/format';
import { Notices, type Notice, type NoticeAction } from '../notices.svelte';
import { describeChanges, EVENT_WORDS } from '../words/order';
import { watchEvents } from './live';
import type { ShopProfile } from '../shop';
import { isBoardStage, STAGE_LABELS, type BoardStage } from '../stages';
import type { Order, Vendor } from '../types';
import { UNDO_OFFER_MS } from '../undo';

/** An order page not connected this long after opening says it is offline. */
const PATIENCE_MS = 4000;
import { noAnswer } from '../api/no-answer';
import { ChangeQueue, type QueuedChange } from '../offline/queue.svelte';
import { againOn, RETRY_MS, sendQueue, sendQueued } from '../offline/replay';
import { outcomeWords } from '../offline/outcome-words';

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
	/** What the order's forecast is worked out from (src/lib/forecast), in the shop's zone. */
	forecast?: { history: ForecastHistory; timeZone: string };
	/** When the server made it: a copy kept for offline use says "Offline: as of ...". */
	renderedAt?: string;
	/**
	 * The shop's locations, to say where the order was taken in, where the piece is, where it will be
	 * picked up, and to send it on (absent: the one store).
	 */
	locations?: LocationSummary[];
	/** Hours after which a piece in transit is flagged as not received. */
	transferAlertHours?: number;
}

/** A form that is open: told when the order changed under it, so it can keep its edits on top. */
export interface OpenEditor {
	rebase(latest: Order, who: string): void;
}

/**
 * The order as this screen knows it, shared by its sections: every write goes through `send`, which
 * takes the whole order the server answers with; changes by others arrive as events and reload it.
 */
export class OrderPage {
	order = $state.raw() as Order;
	readonly notices = new Notices();
	readonly vendors: Vendor[];
	readonly abilities: OrderAbilities;
	readonly viewer: { id: number; name: string };
	readonly today: string;
	readonly forecastBasis: OrderPageData['forecast'];
	readonly locations: LocationSummary[];
	readonly transferAlertHours: number;
	/** The shop's, read at each use: a change of its locale is heard live. */
	readonly #shop: { readonly format: ShopFormat; receive?(profile: ShopProfile): void };

	#editors = new Set<OpenEditor>();
	#lastOther: { name: string; at: number } | null = null;
	#loading = false;
	/** Our own writes under way: the server may broadcast their events before it answers us. */
	#writing = 0;
	#again = false;

	/** False until the tab's link is up, and while it is down. */
	online = $state(false);
	/** Shown as offline: the link dropped, or never came up in time. */
	offline = $state(false);
	/** Until when the order shown is known to be current: "Offline: as of 10:42". */
	asOf = $state(new Date());

	/** The person's changes made offline, and whether this page sends them (the board does, beside it). */
	readonly #queue: ChangeQueue;
	readonly #sends: boolean;

	constructor(
		data: OrderPageData,
		shop: { readonly format: ShopFormat; receive?(profile: ShopProfile): void },
		options: { sendsQueue?: boolean } = {}
	) {
		this.#queue = ChangeQueue.of(data.viewer.id);
		if (data.renderedAt) this.asOf = new Date(data.renderedAt);
		this.#sends = options.sendsQueue ?? true;
		this.#shop = shop;
		this.order = data.order;
		this.vendors = data.vendors;
		this.abilities = data.abilities;
		this.viewer = data.viewer;
		this.today = data.today;
		this.forecastBasis = data.forecast;
		this.locations = data.locations ?? [];
		this.transferAlertHours = data.transferAlertHours ?? 24;
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
		const { order, seq } = await this.write(
			() => changeOrder(this.order.id, method, path, body),
			path
		);
		if (method === 'PATCH' && path === '') this.#done('Saved.', seq);
		return order;
	}

	/**
	 * A change the bench makes with or without the Wi-Fi (a hand-off, a stone received or set, a
	 * blocker): sent at once, or, with no answer, kept on the device under `label` and sent when the
	 * connection is back. Null when it was kept.
	 */
	async sendOrKeep(
		method: 'POST' | 'PATCH',
		path: string,
		body: unknown,
		label: string
	): Promise<Order | null> {
		const key = newChangeKey();
		const keep = async () => {
			const { id: orderId, number } = this.order;
			await this.#queue.addRequest({ orderId, number, method, path, body, label }, key);
			this.#kept(label);
			return null;
		};
		// Behind changes of this order still waiting: it waits too, so they go out in order.
		if (this.waiting.length) return keep();
		try {
			const { order } = await this.write(
				() => changeOrder(this.order.id, method, path, body, key),
				path
			);
			return order;
		} catch (error) {
			if (!noAnswer(error)) throw error;
			return keep();
		}
	}

	/**
	 * A photo or document added with or without the Wi-Fi: uploaded at once, or, with no answer,
	 * kept in the browser (its bytes too) and uploaded when the connection is back. False when kept.
	 */
	async uploadOrKeep(
		meta: Record<string, string>,
		file: File,
		onprogress: (fraction: number) => void
	): Promise<boolean> {
		const key = newChangeKey();
		const keep = async () => {
			const label = `${file.type === 'application/pdf' ? 'Document' : 'Photo'}: ${file.name}`;
			const { id: orderId, number } = this.order;
			await this.#queue.addUpload({ orderId, number, meta, file, label }, key);
			this.#kept(label);
			return false;
		};
		if (this.waiting.length) return keep();
		try {
			await this.write(() => uploadAttachment(this.order.id, meta, file, onprogress, key));
			return true;
		} catch (error) {
			if (!noAnswer(error)) throw error;
			return keep();
		}
	}

	/** A change kept on the device: said, and sent as soon as the connection allows. */
	#kept(label: string) {
		this.show('info', `${label}: kept on this device, sent when the connection is back.`, 8000);
		void this.sendWaiting();
	}

	#retry: ReturnType<typeof setTimeout> | undefined;
	/** Tries the queue again shortly: the socket may be up while the API was not (a restart). */
	#retrySoon() {
		clearTimeout(this.#retry);
		this.#retry = setTimeout(() => void this.sendWaiting(), RETRY_MS);
	}

	/** This order's changes waiting to be sent, oldest first. */
	get waiting(): QueuedChange[] {
		return this.#queue.for(this.order.id);
	}

	/** Sends what waited once connected (unless the board beside it does), then says how it went. */
	async sendWaiting(): Promise<void> {
		if (!this.#sends) return;
		await this.#queue.load();
		const result = await sendQueue(this.#queue);
		if (result?.stalled || (result === null && this.#queue.count)) this.#retrySoon();
		if (!result?.outcomes.length && !result?.signedOut) return;
		if (result.signedOut) {
			await this.#queue.clear();
			this.show('error', 'You were signed out: the changes made offline were not sent.', 0);
			return;
		}
		await this.reload('quiet');
		const text = await outcomeWords(result.outcomes, (moment) => this.#shop.format.time(moment));
		const overtaken = result.outcomes.some((outcome) => outcome.kind !== 'applied');
		const conflicts = result.outcomes
			.filter((outcome) => outcome.kind === 'conflict' && outcome.change.orderId === this.order.id)
			.map((outcome) => outcome.change);
		const action = conflicts.length
			? {
					label: 'Apply mine anyway',
					run: () => void this.#applyAnyway(conflicts)
				}
			: undefined;
		this.show(overtaken ? 'conflict' : 'info', text, overtaken ? 0 : 8000, action);
	}

	/**
	 * The person's say after a conflict: their changes, in order, on top of what the other person
	 * did (each checked against what is there now). Never done without that tap.
	 */
	async #applyAnyway(changes: QueuedChange[]): Promise<void> {
		this.dismiss();
		let applied = 0;
		for (const change of changes) {
			const again = againOn(change, this.order, newChangeKey());
			const label = change.kind === 'move' ? `Move to ${STAGE_LABELS[change.stage]}` : change.label;
			if (!again) {
				this.show('error', `${label}: what it changed is no longer on ${change.number}.`, 10_000);
				return;
			}
			try {
				await this.write(async () => {
					const { card, order } = await sendQueued(again);
					return { seq: null, order: order ?? { ...this.order, ...card! } };
				});
				applied++;
			} catch (error) {
				const why = error instanceof ApiError ? error.message : 'no answer from the server';
				this.show('error', `${label} was not applied: ${why}`, 10_000);
				return;
			}
		}
		const yours = applied === 1 ? 'Your change was' : `Your ${applied} changes were`;
		this.show('info', `${yours} applied on top of theirs.`, 8000);
	}

	/** Runs one of our own writes; its events are then ours to skip (the answer brings the order). */
	async write(work: () => Promise<OrderAnswer>, path = '/'): Promise<OrderAnswer> {
		this.#writing++;
		try {
			const answer = await work();
			this.#take(answer.order);
			return answer;
		} catch (error) {
			if (error instanceof ApiError && error.status === 409) await this.reload('conflict');
			if (error instanceof ApiError && error.status === 404 && path) await this.reload('quiet');
			throw error;
		} finally {
			this.#writing--;
		}
	}

	/**
	 * Moves the order to the top of `stage`; the notice says how it went, with an Undo. Moving
	 * answers with the card only: its fields are the order's, so they are merged in.
	 */
	async move(stage: BoardStage): Promise<void> {
		const key = newChangeKey();
		const { id: orderId, number, version } = this.order;
		const keep = async (from: BoardStage) => {
			await this.#queue.add({ orderId, number, from, version, stage, afterId: null }, key);
			this.#kept(`Move to ${STAGE_LABELS[stage]}`);
		};
		if (this.waiting.length && isBoardStage(this.order.stage)) return keep(this.order.stage);
		try {
			const { card, seq } = await moveOrder(orderId, { stage, afterId: null, version }, key);
			this.#take({ ...this.order, ...card });
			this.#done(`Moved to ${STAGE_LABELS[card.stage]}.`, seq);
		} catch (error) {
			if (noAnswer(error) && isBoardStage(this.order.stage)) return keep(this.order.stage);
			// A 409 reloads the order, and the reload says who changed it.
			if (error instanceof ApiError && error.status === 409) await this.reload('conflict');
			else this.show('error', error instanceof ApiError ? error.message : 'The move failed.', 8000);
		}
	}

	/** Our move or edit went through: said at once, with an Undo that names its event. */
	#done(text: string, seq: number | null) {
		const action = seq === null ? undefined : { label: 'Undo', run: () => void this.undo(seq) };
		this.show('info', text, UNDO_OFFER_MS, action);
	}

	/**
	 * Takes back our latest move or edit (`seq`, its event). The server refuses once anything else
	 * happened to the order, or the window is over: its words say why. An undone edit may restore
	 * fields off the card (notes, a price), so the order is read again.
	 */
	async undo(seq: number): Promise<void> {
		const before = this.order;
		this.dismiss();
		this.#writing++;
		try {
			await undoChange(this.order.id, seq);
			const order = await getOrder(this.order.id);
			this.#take(order);
			const changes = describeChanges(before, order, this.#shop.format);
			this.show('info', `Undone${changes.length ? `: ${changes.join(' · ')}` : ''}.`, 6000);
		} catch (error) {
			if (error instanceof ApiError && error.status === 409) await this.reload('quiet');
			const text = error instanceof ApiError ? error.message : 'The change could not be undone.';
			this.show('error', /[.!?]$/.test(text) ? text : `${text}.`, 10_000);
		} finally {
			this.#writing--;
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
				const latest = await getOrder(this.order.id);
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

	get notice(): Notice | null {
		return this.notices.current;
	}

	show(kind: Notice['kind'], text: string, timeout: number, action?: NoticeAction) {
		this.notices.show(kind, text, timeout, action);
	}

	dismiss() {
		this.notices.dismiss();
	}

	/** Keeps the order live; returns the function that stops it. */
	connect(): () => void {
		// What waited from before this page (a reload while offline) is listed at once.
		void this.#queue.load();
		// A page opened without a network (kept by the service worker) may never hear of a failure.
		const patience = setTimeout(() => {
			if (!this.online) this.#wentOffline();
		}, PATIENCE_MS);
		const stop = watchEvents(
			(event) =>
				event.orderId === this.order.id ||
				(event.orderId === null && event.customerId === this.order.customerId),
			(event) => {
				const ours = event.actor.id === this.viewer.id;
				if (!ours) this.#lastOther = { name: event.actor.name, at: Date.now() };
				// Our own write brings the order with its answer; another screen of ours just reloads.
				if (ours && this.#writing > 0) return;
				const version = event.payload.after.version;
				if (ours && version !== undefined && version <= this.order.version) return;
				void this.reload(ours ? 'quiet' : 'event', event);
			},
			() => void this.reload('event'),
			(profile) => this.#shop.receive?.(profile),
			{
				up: () => {
					this.online = true;
					this.offline = false;
					void this.sendWaiting();
				},
				down: () => this.#wentOffline()
			}
		);
		return () => {
			clearTimeout(patience);
			clearTimeout(this.#retry);
			stop();
		};
	}

	#wentOffline() {
		if (this.online) this.asOf = new Date();
		this.online = false;
		this.offline = true;
	}
}

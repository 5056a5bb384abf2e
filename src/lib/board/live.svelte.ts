import { eventsAfter, getBoard } from '../api/board';
import type { BoardStore } from './store.svelte';
import { joinLink, type Link } from '../live/tab-socket';
import type { ShopState } from '../shop.svelte';

const RETRY_MS = 2000;
/** A screen not connected this long after opening says it is offline. */
const PATIENCE_MS = 4000;

/**
 * Keeps a screen's board live: events from the tab's socket go to the store; on connect, reconnect
 * or a gap it replays `events?after=` (or reloads the board when too far behind). `online` is true
 * only once connected and caught up: until then the board takes no moves.
 */
export class LiveBoard {
	online = $state(false);
	/** Set while the link is down, for the offline banner. */
	offlineSince = $state<Date | null>(null);
	/**
	 * Until when what the screen shows is known to be current: "Offline: as of 10:42". For a page the
	 * service worker kept, the time the server made it.
	 */
	asOf = $state(new Date());

	#store: BoardStore;
	#connected = false;
	#catchingUp = false;
	#again = false;
	#retry: ReturnType<typeof setTimeout> | undefined;

	#shop: ShopState | null;

	constructor(store: BoardStore, shop: ShopState | null = null, renderedAt?: string) {
		this.#store = store;
		this.#shop = shop;
		if (renderedAt) this.asOf = new Date(renderedAt);
	}

	/** Joins the tab's socket; `more` adds the page's own listeners (a display's options). */
	connect(more?: (link: Link) => void): () => void {
		// A page opened without a network (kept by the service worker) may never hear of a failure.
		const patience = setTimeout(() => {
			if (!this.#connected) this.#wentOffline();
		}, PATIENCE_MS);
		const leave = joinLink((link) => {
			link.on('connect', () => {
				this.#connected = true;
				void this.catchUp();
			});
			link.on('disconnect', () => this.#wentOffline());
			link.on('connect_error', (error) => {
				// Signed out, disabled or revoked: the page itself decides where to go (sign-in).
				if (error.message === 'unauthenticated') location.reload();
				else this.#wentOffline();
			});
			link.on('order:event', (event) => this.#store.receive(event));
			link.on('settings:changed', ({ stageThresholds }) => {
				this.#store.stageThresholds = stageThresholds;
			});
			link.on('wip:changed', (limits) => {
				this.#store.wipLimits = limits;
			});
			link.on('shop:changed', (profile) => {
				this.#store.shopName = profile.name;
				this.#store.timeZone = profile.timeZone;
				this.#shop?.receive(profile);
			});
			more?.(link);
		});
		return () => {
			clearTimeout(patience);
			clearTimeout(this.#retry);
			this.#connected = false;
			leave();
		};
	}

	#wentOffline() {
		if (this.online) this.asOf = new Date();
		this.#connected = false;
		this.online = false;
		this.offlineSince ??= new Date();
	}

	/** Takes the whole board again (a display given another location), then goes on live. */
	reload(): Promise<void> {
		this.#store.complete = false;
		return this.catchUp();
	}

	/** Replays what this screen missed; several calls at once make one run that goes on until current. */
	async catchUp(): Promise<void> {
		if (this.#catchingUp) {
			this.#again = true;
			return;
		}
		this.#catchingUp = true;
		try {
			do {
				this.#again = false;
				if (!this.#store.complete) {
					// The page came with the top of each column: take the whole board, then replay
					// anything that committed while it loaded.
					this.#store.reset(await getBoard());
					this.#again = true;
					continue;
				}
				const page = await eventsAfter(this.#store.seq);
				if (this.#store.tooFarBehind(page.lastSeq)) {
					this.#store.reset(await getBoard());
					this.#again = true;
				} else {
					for (const event of page.events) this.#store.receive(event);
					this.#store.readThrough(page.through);
					if (page.lastSeq > this.#store.seq) this.#again = true;
				}
			} while (this.#again);
			if (this.#connected) {
				this.online = true;
				this.offlineSince = null;
			}
		} catch {
			clearTimeout(this.#retry);
			this.#retry = setTimeout(() => void this.catchUp(), RETRY_MS);
		} finally {
			this.#catchingUp = false;
		}
	}
}

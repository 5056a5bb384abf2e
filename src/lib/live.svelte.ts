import { io, type Socket } from 'socket.io-client';
import type { BoardStore } from './board.svelte';
import type { ShopState } from './shop.svelte';
import type { ClientToServerEvents, ServerToClientEvents } from './realtime-events';
import type { Board, OrderEvent } from './types';

const RETRY_MS = 2000;

/**
 * Keeps a screen's board live: events from the socket go to the store; on connect, reconnect or a
 * gap it replays `events?after=` (or reloads the board when too far behind). `online` is true only
 * once connected and caught up: until then the board takes no moves.
 */
export class LiveBoard {
	online = $state(false);
	/** Set while the link is down, for the "Offline since 10:42" banner. */
	offlineSince = $state<Date | null>(null);

	#store: BoardStore;
	#socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

	/** The socket, for a page that listens to more than the board (a display's own options). */
	get socket(): Socket<ServerToClientEvents, ClientToServerEvents> | null {
		return this.#socket;
	}
	#catchingUp = false;
	#again = false;
	#retry: ReturnType<typeof setTimeout> | undefined;

	#shop: ShopState | null;

	constructor(store: BoardStore, shop: ShopState | null = null) {
		this.#store = store;
		this.#shop = shop;
	}

	connect(): () => void {
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
			path: '/socket.io',
			transports: ['websocket'],
			reconnectionDelayMax: 5000
		});
		this.#socket = socket;
		socket.on('connect', () => void this.catchUp());
		socket.on('disconnect', (reason) => {
			this.#wentOffline();
			// The server closed this socket on purpose (its session ended, or a restart): try once
			// more; the handshake then says whether to go to sign-in.
			if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 500);
		});
		socket.on('connect_error', (error) => {
			// Signed out, disabled or revoked: the page itself decides where to go (sign-in).
			if (error.message === 'unauthenticated') location.reload();
			else this.#wentOffline();
		});
		socket.on('order:event', (event: OrderEvent) => this.#store.receive(event));
		socket.on('settings:changed', ({ stageThresholds }) => {
			this.#store.stageThresholds = stageThresholds;
		});
		socket.on('shop:changed', (profile) => {
			this.#store.shopName = profile.name;
			this.#store.timeZone = profile.timeZone;
			this.#shop?.receive(profile);
		});
		return () => {
			clearTimeout(this.#retry);
			socket.disconnect();
		};
	}

	#wentOffline() {
		this.online = false;
		this.offlineSince ??= new Date();
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
					this.#store.reset(await getJson<Board>('/api/v1/board'));
					this.#again = true;
					continue;
				}
				const page = await getJson<{ events: OrderEvent[]; lastSeq: number }>(
					`/api/v1/events?after=${this.#store.seq}&limit=1000`
				);
				if (this.#store.tooFarBehind(page.lastSeq)) {
					this.#store.reset(await getJson<Board>('/api/v1/board'));
					this.#again = true;
				} else {
					for (const event of page.events) this.#store.receive(event);
					if (page.lastSeq > this.#store.seq) this.#again = true;
				}
			} while (this.#again);
			if (this.#socket?.connected) {
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

async function getJson<T>(url: string): Promise<T> {
	const response = await fetch(url, { headers: { accept: 'application/json' } });
	if (!response.ok) throw new Error(`${url} answered ${response.status}`);
	return response.json() as Promise<T>;
}

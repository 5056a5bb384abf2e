import { clear, createStore, get, set, type UseStore } from 'idb-keyval';
import type { BoardStore } from '../board/store.svelte';
import type { LiveBoard } from '../board/live.svelte';
import type { Board } from '../types';

/**
 * The whole board as a person's screen last held it, kept in the browser so that the board opens
 * offline in full (the page the service worker keeps has only the top of each column, as it was
 * when the page was loaded). Per person; forgotten with the kept pages (forget.ts).
 */
type Kept = { board: Board; at: string };

/** After the last change this long, the board is written down (and whenever the page is left). */
const KEEP_AFTER_MS = 1000;

let store: UseStore | undefined;
/** A database of its own: idb-keyval holds one store per database. */
const database = () => (store ??= createStore('benchboard-board', 'boards'));

export const keptBoard = (userId: number) => get<Kept>(userId, database()).catch(() => undefined);

export const forgetBoards = () => clear(database()).catch(() => {});

/**
 * Keeps `board` on the device while the screen is live and complete, and, when the page opened
 * without a network, shows the kept board if it is newer than the page's own copy (which may hold
 * only the top of each column, or be whole but older). Call it while a
 * component starts (it sets up effects); `shown` runs after the kept board is shown.
 */
export function keepForOffline(
	userId: number,
	board: BoardStore,
	live: LiveBoard,
	today: () => string,
	shown: () => void
): void {
	const keep = () => {
		if (!live.online || !board.complete) return;
		const kept: Kept = { board: board.snapshot(today()), at: new Date().toISOString() };
		void set(userId, $state.snapshot(kept), database()).catch(() => {});
	};
	$effect(() => {
		void board.seq;
		if (!live.online || !board.complete) return;
		const timer = setTimeout(keep, KEEP_AFTER_MS);
		return () => clearTimeout(timer);
	});
	$effect(() => {
		addEventListener('pagehide', keep);
		return () => removeEventListener('pagehide', keep);
	});
	// Only a newer board than the page's own: a screen that goes offline while open is current.
	$effect(() => {
		if (live.offlineSince === null) return;
		void keptBoard(userId).then((kept) => {
			if (!kept || live.online || kept.board.seq <= board.seq) return;
			board.reset(kept.board);
			live.asOf = new Date(kept.at);
			shown();
		});
	});
}

import { listWords } from '../words/history';

/** An order's two live notes, as the collab endpoint names them (`/collab/<orderId>/<field>`). */
export const NOTE_FIELDS = ['design', 'requests'] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];

/** The only links a note may hold: never `javascript:`, `data:` or a file on someone's disk. */
export const NOTE_LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'];

/** "www.example.com/ring", "sofia@example.com": as typed, before the autolinker adds a scheme. */
const BARE_ADDRESS =
	/^(?:[^\s@/:]+@)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?:[/?#]\S*)?$/i;

/**
 * Whether a link may stay in a note. Browsers ignore whitespace and control characters inside a
 * scheme ("java\tscript:"), so they are dropped before it is read. Without a scheme, only a bare
 * address passes: the autolinker asks about the typed text, then stores it with https:// or
 * mailto: in front.
 */
export function isAllowedNoteLink(url: string | undefined | null): boolean {
	if (!url) return false;
	const compact = url.replace(
		/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/g,
		''
	);
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1].toLowerCase();
	if (scheme === undefined) return BARE_ADDRESS.test(compact);
	return NOTE_LINK_SCHEMES.includes(scheme);
}

/** Caret colours: quiet enough for a shop screen, dark enough for a white name on them. */
export const CARET_COLOURS = [
	'#1f6f5c',
	'#2d5a7b',
	'#8a5a00',
	'#6b4e8a',
	'#9a4a3a',
	'#4a6b2f',
	'#5a5f8f',
	'#8c5a2b'
] as const;

/** The same colour for a person on every screen and every visit. */
export function caretColour(viewerId: number): string {
	const index = Math.abs(Math.trunc(viewerId)) % CARET_COLOURS.length;
	return CARET_COLOURS[index];
}

export interface CloseWords {
	text: string;
	/** Reconnecting cannot help: the editor stops trying (and stops taking changes). */
	final: boolean;
}

/** What the server meant by closing a note's connection (server/collab-room.ts CLOSE). */
const CLOSES: Record<number, CloseWords> = {
	4400: { text: 'The note could not read a message from this screen: reconnecting', final: false },
	4401: { text: 'Signed out: sign in again to edit this note', final: true },
	4403: { text: 'This order is archived: its notes can no longer change', final: true },
	4413: { text: 'This note is too long to add more', final: true },
	4429: { text: 'Too many changes at once: reconnecting', final: false },
	1011: { text: 'The note could not be saved: reconnecting', final: false }
};

/** The server's words for a close it chose, or null for a connection that simply dropped. */
export function closeWords(code: number, reason = ''): CloseWords | null {
	const known = CLOSES[code];
	if (known) return { text: reason.trim() || known.text, final: known.final };
	if (code >= 4000 && code < 5000)
		return { text: reason.trim() || 'The note was closed', final: false };
	return null;
}

export interface Present {
	id: number;
	name: string;
}

/** The status line of a connected note: who else has it open, each person once. */
export function liveWords(others: readonly Present[], viewerId: number): string {
	const names = [
		...new Set(others.filter((other) => other.id !== viewerId).map((other) => other.name))
	];
	if (names.length === 0) return 'Live · saved as you type';
	return `Live · ${listWords(names)} ${names.length === 1 ? 'is' : 'are'} here too`;
}

export const OFFLINE_WORDS =
	'Offline: your changes are kept on this device and sent when the connection is back';

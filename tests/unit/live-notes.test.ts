import { describe, expect, it } from 'vitest';
import {
	CARET_COLOURS,
	caretColour,
	closeWords,
	isAllowedNoteLink,
	liveWords
} from '../../src/lib/order/live-notes';

describe('links in a note', () => {
	it.each([
		'https://example.com/ring.jpg',
		'http://example.com',
		'HTTPS://EXAMPLE.COM',
		'mailto:sofia@example.com',
		'tel:+15550148',
		// As the autolinker asks, before it puts https:// or mailto: in front.
		'www.example.com/ring?size=6',
		'sofia@example.com'
	])('keeps %s', (url) => expect(isAllowedNoteLink(url)).toBe(true));

	it.each([
		'javascript:alert(1)',
		'JavaScript:alert(1)',
		'java\tscript:alert(1)',
		' \u0000javascript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'vbscript:msgbox',
		'file:///etc/passwd',
		'ftp://example.com',
		'/orders/12',
		'//evil.example/x',
		'javascript.example:alert(1)',
		'',
		null
	])('drops %j', (url) => expect(isAllowedNoteLink(url)).toBe(false));
});

describe('a person’s caret colour', () => {
	it('is the same on every screen, and a valid six-digit colour', () => {
		expect(caretColour(3)).toBe(caretColour(3));
		expect(caretColour(3)).not.toBe(caretColour(4));
		for (const id of [0, 1, 7, 8, 123]) expect(caretColour(id)).toMatch(/^#[0-9a-f]{6}$/);
		expect(new Set(CARET_COLOURS).size).toBe(CARET_COLOURS.length);
	});
});

describe('why a note’s connection closed', () => {
	it('stops for an archived order, a note too long and a signed-out screen', () => {
		expect(closeWords(4403, 'This order is archived: its notes can no longer change')).toEqual({
			text: 'This order is archived: its notes can no longer change',
			final: true
		});
		expect(closeWords(4413)?.final).toBe(true);
		expect(closeWords(4401)?.final).toBe(true);
	});

	it('reconnects after too many changes, a malformed message or a failed save', () => {
		expect(closeWords(4429, 'Too many changes at once: reconnecting')?.final).toBe(false);
		expect(closeWords(4400)?.final).toBe(false);
		expect(closeWords(1011)?.text).toBe('The note could not be saved: reconnecting');
	});

	it('says nothing special of a connection that simply dropped', () => {
		expect(closeWords(1006)).toBeNull();
		expect(closeWords(1000, '')).toBeNull();
	});
});

describe('who else has the note open', () => {
	it('names each other person once, never the viewer', () => {
		const elena = { id: 4, name: 'Elena Novak' };
		const sam = { id: 3, name: 'Sam Ortiz' };
		expect(liveWords([], 3)).toBe('Live · saved as you type');
		expect(liveWords([sam], 3)).toBe('Live · saved as you type');
		expect(liveWords([elena, elena, sam], 3)).toBe('Live · Elena Novak is here too');
		expect(liveWords([elena, { id: 1, name: 'Avery Stone' }], 3)).toBe(
			'Live · Elena Novak and Avery Stone are here too'
		);
	});
});

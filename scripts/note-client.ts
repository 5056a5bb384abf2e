import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** The fragment the order page's editor keeps a note in (Tiptap's Collaboration default). */
export const NOTE_FRAGMENT = 'default';

/** ws sending our session cookie (and, if given, a browser's Origin), for y-websocket in Node. */
export function signedInSocket(cookie: string, origin?: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie, ...(origin ? { origin } : {}) } });
		}
	};
}

/** A note's editor in Node (tests, bench): a document synced through y-websocket's own provider. */
export function noteEditor(baseUrl: string, orderId: number, field: string, cookie: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${baseUrl}/collab`, `${orderId}/${field}`, doc, {
		WebSocketPolyfill: signedInSocket(cookie) as never,
		disableBc: true
	});
	const closes: { code: number; reason: string }[] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
	return {
		doc,
		provider,
		closes,
		fragment,
		/** Adds a paragraph at the end, as typing a line in the editor does. */
		type(text: string) {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(text)]);
			fragment.insert(fragment.length, [paragraph]);
		},
		/** The last paragraph's text. */
		lastLine(): string {
			const last = fragment.get(fragment.length - 1);
			return last instanceof Y.XmlElement ? last.toArray().map(String).join('') : '';
		},
		synced: () =>
			new Promise<void>((resolve) => {
				if (provider.synced) resolve();
				else provider.once('sync', () => resolve());
			}),
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export type NoteEditor = ReturnType<typeof noteEditor>;

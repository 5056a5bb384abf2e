import type { Editor } from '@tiptap/core';
import {
	caretColour,
	closeWords,
	isAllowedNoteLink,
	type NoteField,
	type Present
} from './live-notes';

export type NoteLink = 'connecting' | 'live' | 'offline' | 'stopped';

export interface NoteOptions {
	orderId: number;
	field: NoteField;
	/** The note as plain text, from the server: it stands in until the live note is here. */
	text: string | null;
	editable: boolean;
	viewer: { id: number; name: string };
	/** The heading's id, which labels the editor. */
	labelledBy: string;
}

/**
 * One live note's session: everyone on the order types into the same document (Yjs over the app's
 * own socket at /collab), and what this screen typed is kept in IndexedDB until the server has it.
 * The editor's code is loaded only when a note opens.
 */
export class LiveNote {
	editor = $state.raw<Editor | null>(null);
	link = $state<NoteLink>('connecting');
	/** Why the server closed the connection, in its words. */
	closed = $state<{ code: number; text: string } | null>(null);
	others = $state.raw<Present[]>([]);
	/** The live note has what the server or this device holds: until then the plain text stands in. */
	ready = $state(false);
	empty = $state(true);
	active = $state({ bold: false, bulletList: false, taskList: false });

	#destroy = () => {};
	#gone = false;

	/** Opens the note in `host`; a failure is said in `closed`. */
	open(host: HTMLElement, options: NoteOptions): void {
		this.#open(host, options).catch((error) => {
			// A new deploy may have replaced the editor's code: only a reload fetches it.
			console.error('notes: the editor could not be opened', error);
			this.closed = { code: 0, text: 'The note could not be opened: reload the page to edit it' };
		});
	}

	close(): void {
		this.#gone = true;
		this.#destroy();
	}

	async #open(
		host: HTMLElement,
		{ orderId, field, text, editable, viewer, labelledBy }: NoteOptions
	) {
		const [
			{ Editor },
			{ StarterKit },
			{ TaskList, TaskItem },
			{ Collaboration },
			{ CollaborationCaret },
			Y,
			{ IndexeddbPersistence },
			{ WebsocketProvider }
		] = await Promise.all([
			import('@tiptap/core'),
			import('@tiptap/starter-kit'),
			import('@tiptap/extension-list'),
			import('@tiptap/extension-collaboration'),
			import('@tiptap/extension-collaboration-caret'),
			import('yjs'),
			import('y-indexeddb'),
			import('y-websocket')
		]);
		if (this.#gone) return;

		const doc = new Y.Doc();
		const fragment = doc.getXmlFragment('default');
		const persistence = new IndexeddbPersistence(`benchboard-note-${orderId}-${field}`, doc);
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		const provider = new WebsocketProvider(
			`${scheme}://${location.host}/collab`,
			`${orderId}/${field}`,
			doc,
			{ shouldReconnect: (event) => !closeWords(event.code, event.reason)?.final }
		);
		let created: Editor | undefined;
		const awareness = provider.awareness;
		const onAwareness = () => {
			this.others = [...awareness.getStates()]
				.filter(([clientId, state]) => clientId !== doc.clientID && state.user)
				.map(([, state]) => ({ id: Number(state.user.id), name: String(state.user.name) }));
		};
		this.#destroy = () => {
			awareness.off('change', onAwareness);
			created?.destroy();
			provider.destroy();
			void persistence.destroy();
			doc.destroy();
			this.editor = null;
		};

		persistence.on('synced', () => {
			// What this device kept is worth showing at once; an empty copy is not, unless the note
			// is empty on the server too.
			if (fragment.length > 0 || !text) this.ready = true;
		});
		provider.on('sync', (synced: boolean) => {
			if (!synced) return;
			this.ready = true;
			this.link = 'live';
			if (this.closed && !closeWords(this.closed.code)?.final) this.closed = null;
		});
		provider.on('connection-close', (event: CloseEvent | null) => {
			if (this.link === 'stopped') return;
			const words = event && closeWords(event.code, event.reason);
			if (event && words) this.closed = { code: event.code, text: words.text };
			if (words?.final) {
				this.link = 'stopped';
				provider.disconnect();
			} else this.link = 'offline';
		});
		provider.on('connection-error', () => {
			if (this.link !== 'stopped') this.link = 'offline';
		});
		awareness.on('change', onAwareness);

		created = new Editor({
			element: host,
			editable,
			// A <style> it would add at run time is refused by the page's Content-Security-Policy: the
			// few rules the editor needs are in src/lib/styles/note-text.css.
			injectCSS: false,
			extensions: [
				StarterKit.configure({
					undoRedo: false,
					heading: false,
					codeBlock: false,
					horizontalRule: false,
					// Every open screen would add the empty line after a closing list at the same
					// moment, and the note would keep them all.
					trailingNode: false,
					link: {
						openOnClick: false,
						autolink: true,
						// Nothing beyond linkify's own schemes; the check below keeps only four.
						protocols: [],
						defaultProtocol: 'https',
						isAllowedUri: (url) => isAllowedNoteLink(url)
					}
				}),
				TaskList,
				TaskItem.configure({ nested: true }),
				Collaboration.configure({ document: doc, field: 'default' }),
				CollaborationCaret.configure({
					provider,
					user: { id: viewer.id, name: viewer.name, color: caretColour(viewer.id) }
				})
			],
			editorProps: {
				attributes: {
					role: 'textbox',
					'aria-multiline': 'true',
					'aria-labelledby': labelledBy,
					class: 'note-text'
				}
			},
			onTransaction: ({ editor: current }) => {
				this.empty = current.isEmpty;
				this.active = {
					bold: current.isActive('bold'),
					bulletList: current.isActive('bulletList'),
					taskList: current.isActive('taskList')
				};
			}
		});
		this.editor = created;
		this.empty = created.isEmpty;
	}
}

import * as Y from 'yjs';

/** The editor (Tiptap's Collaboration extension) keeps the document in this fragment. */
export const NOTE_FRAGMENT = 'default';

export const NOTE_FIELDS = ['design', 'requests'] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];
export const NOTE_FIELD_LABELS: Record<NoteField, string> = {
	design: 'design notes',
	requests: 'customer requests'
};
/** The order's column that keeps each note's plain text. */
export const NOTE_COLUMNS: Record<NoteField, 'designNotes' | 'customerRequests'> = {
	design: 'designNotes',
	requests: 'customerRequests'
};

function inlineText(node: Y.XmlText | Y.XmlElement): string {
	if (node instanceof Y.XmlText) {
		return (node.toDelta() as { insert: unknown }[])
			.map((part) => (typeof part.insert === 'string' ? part.insert : ''))
			.join('');
	}
	if (node.nodeName === 'hardBreak') return '\n';
	return node
		.toArray()
		.map((child) => inlineText(child as Y.XmlText | Y.XmlElement))
		.join('');
}

/** y-prosemirror keeps a node's attributes as they were: a task item's `checked` is a boolean. */
function isChecked(item: Y.XmlElement): boolean {
	const checked = item.getAttribute('checked') as unknown;
	return checked === true || checked === 'true';
}

/** Lines of a block, with list markers: "• a bullet", "[x] a done checkbox item". */
function blockLines(node: Y.XmlElement | Y.XmlText, prefix = ''): string[] {
	if (node instanceof Y.XmlText) return [prefix + inlineText(node)];
	const children = node.toArray() as (Y.XmlElement | Y.XmlText)[];
	switch (node.nodeName) {
		case 'bulletList':
		case 'orderedList':
		case 'taskList':
			return children.flatMap((child, index) =>
				blockLines(
					child,
					prefix +
						(child instanceof Y.XmlElement && child.nodeName === 'taskItem'
							? isChecked(child)
								? '[x] '
								: '[ ] '
							: node.nodeName === 'orderedList'
								? `${index + 1}. `
								: '• ')
				)
			);
		case 'listItem':
		case 'taskItem':
		case 'blockquote': {
			// The first paragraph carries the marker; what follows is indented under it.
			const indent = ' '.repeat(prefix.length);
			return children.flatMap((child, index) => blockLines(child, index === 0 ? prefix : indent));
		}
		default:
			return [prefix + inlineText(node)];
	}
}

/** The note as plain text: for search, print, the history and screens without an editor. */
export function plainTextOf(doc: Y.Doc): string {
	const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
	return (fragment.toArray() as (Y.XmlElement | Y.XmlText)[])
		.flatMap((node) => blockLines(node))
		.join('\n')
		.trim();
}

/** A new document holding plain text (a note written before notes were live): one paragraph a line. */
export function docFromPlainText(text: string | null): Y.Doc {
	const doc = new Y.Doc();
	const lines = (text ?? '').split(/\r?\n/);
	doc.transact(() => {
		const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
		fragment.insert(
			0,
			lines.map((line) => {
				const paragraph = new Y.XmlElement('paragraph');
				if (line) paragraph.insert(0, [new Y.XmlText(line)]);
				return paragraph;
			})
		);
	});
	return doc;
}

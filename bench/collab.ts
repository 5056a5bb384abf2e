import { noteEditor, type NoteEditor } from '../scripts/note-client';

const EDITORS = Number(process.env.BENCH_COLLAB_EDITORS ?? 20);
const EDITS = Number(process.env.BENCH_COLLAB_EDITS ?? 500);
const OPEN_NOTES = Number(process.env.BENCH_COLLAB_NOTES ?? 1000);

/** A design note as jewelers write them: about a kilobyte. */
const NOTE_LINES = [
	'Bezel setting for the 1.05 ct old European cut, 14k yellow gold, knife-edge shank.',
	'Band 1.8 mm at the base, tapering to 1.6 mm; comfort fit inside.',
	'Customer wants the stone to sit low: no more than 5 mm off the finger.',
	'[ ] confirm size 6.5 with the customer before casting',
	'[ ] check the culet for chips before setting',
	'Engraving inside: "Always, M." in script, centred opposite the stone.',
	'Polish: high polish outside, satin inside. Rhodium: no.',
	'Casting at Pacific, metal from the old mounting (5.12 g) plus new gold as needed.',
	'Photos of the old ring in the safe envelope, taken at intake.',
	'Due for the anniversary on the 20th: rush if casting slips.'
];

type Line = (name: string, fields: Record<string, string | number>) => void;

/**
 * Live notes: one edit reaching every other editor of the same note (closed loop: one edit in
 * flight), and what an open note costs the server's memory.
 */
export async function collabScenarios(options: {
	url: string;
	cookie: string;
	orderIds: number[];
	rss: () => Promise<number>;
	line: Line;
	percentile: (values: number[], p: number) => number;
}) {
	const { url, cookie, orderIds, line, percentile } = options;
	// y-websocket's provider listens for the process's exit, once per provider.
	process.setMaxListeners(0);
	const ws = url.replace(/^http/, 'ws');
	const editors: NoteEditor[] = [];
	for (let i = 0; i < EDITORS; i++) editors.push(noteEditor(ws, orderIds[0], 'design', cookie));
	await Promise.all(editors.map((editor) => editor.synced()));
	const latencies: number[] = [];
	for (let i = 0; i < EDITS; i++) {
		const mark = `edit ${i}`;
		const from = editors[i % EDITORS];
		const others = editors.filter((editor) => editor !== from);
		const seen = others.map(
			(editor) =>
				new Promise<void>((resolve) => {
					const check = () => {
						if (editor.lastLine() !== mark) return;
						editor.fragment.unobserveDeep(check);
						resolve();
					};
					editor.fragment.observeDeep(check);
				})
		);
		const start = performance.now();
		from.type(mark);
		await Promise.all(seen);
		latencies.push(performance.now() - start);
	}
	line('collab-edit', {
		editors: EDITORS,
		edits: EDITS,
		p50_ms: (percentile(latencies, 50) ?? NaN).toFixed(1),
		p99_ms: (percentile(latencies, 99) ?? NaN).toFixed(1)
	});
	for (const editor of editors) editor.destroy();

	// Memory: many notes open at once, one editor each, each with a few lines. RSS includes the
	// database's own heap, so a thousand notes are opened to stand out from its noise.
	const before = await options.rss();
	const open: NoteEditor[] = [];
	for (let i = 0; i < OPEN_NOTES; i++) {
		const editor = noteEditor(
			ws,
			orderIds[(i + 1) % orderIds.length],
			i % 2 ? 'requests' : 'design',
			cookie
		);
		await editor.synced();
		for (const line of NOTE_LINES) editor.type(line);
		open.push(editor);
	}
	const after = await options.rss();
	line('collab-memory', {
		notes_open: OPEN_NOTES,
		per_note_kb: ((after - before) / OPEN_NOTES).toFixed(1)
	});
	for (const editor of open) editor.destroy();
}

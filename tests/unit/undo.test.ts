import { describe, expect, it } from 'vitest';
import { mayUndo } from '../../src/lib/undo';

const sam = 3;

describe('whether a change may still be undone', () => {
	const at = '2026-03-02T10:00:00.000Z';
	const now = Date.parse(at) + 60_000;

	it('is the viewer’s own move or edit, not an undo, within two minutes', () => {
		expect(mayUndo({ type: 'order.moved', actorId: sam, at }, sam, now)).toBe(true);
		expect(mayUndo({ type: 'order.updated', actorId: sam, at }, sam, now)).toBe(true);
		expect(mayUndo({ type: 'order.moved', actorId: 9, at }, sam, now)).toBe(false);
		expect(mayUndo({ type: 'stone.added', actorId: sam, at }, sam, now)).toBe(false);
		expect(mayUndo({ type: 'order.moved', actorId: sam, at, undoOf: 3 }, sam, now)).toBe(false);
		expect(mayUndo({ type: 'order.moved', actorId: sam, at }, sam, now + 60_000)).toBe(false);
	});
});

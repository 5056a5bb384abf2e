import { describe, expect, it } from 'vitest';
import { mayUndo, OwnChanges } from '../../src/lib/own-changes';
import type { OrderEvent } from '../../src/lib/types';

const sam = 3;

function event(fields: Partial<OrderEvent> & { version: number; undoOf?: number }): OrderEvent {
	const { version, undoOf, ...rest } = fields;
	return {
		seq: 40,
		orderId: 7,
		type: 'order.moved',
		actor: { id: sam, name: 'Sam Lee' },
		at: '2026-03-02T10:00:00.000Z',
		payload: {
			before: { stage: 'casting', version: version - 1 },
			after: { stage: 'setting', version },
			...(undoOf !== undefined ? { undoOf } : {})
		},
		...rest
	};
}

describe('pairing a move of this screen with its event', () => {
	it('pairs them whichever comes first', () => {
		const own = new OwnChanges<string>(sam);
		expect(own.heard(event({ seq: 41, version: 5 }))).toBeNull();
		expect(own.answered(7, 'order.moved', 5, 'Moved to Setting.')).toEqual({
			seq: 41,
			value: 'Moved to Setting.'
		});

		expect(own.answered(7, 'order.updated', 6, 'Saved.')).toBeNull();
		expect(own.heard(event({ seq: 42, type: 'order.updated', version: 6 }))).toEqual({
			seq: 42,
			value: 'Saved.'
		});
	});

	it('leaves alone what is not the viewer’s to undo', () => {
		const own = new OwnChanges<string>(sam);
		own.answered(7, 'order.moved', 5, 'Moved to Setting.');
		expect(own.heard(event({ version: 5, actor: { id: 9, name: 'Morgan' } }))).toBeNull();
		expect(own.heard(event({ version: 5, undoOf: 39 }))).toBeNull();
		expect(own.heard(event({ version: 5, type: 'stone.updated' }))).toBeNull();
		expect(own.heard(event({ version: 5, orderId: 8 }))).toBeNull();
		expect(own.heard(event({ seq: 44, version: 5 }))).toEqual({
			seq: 44,
			value: 'Moved to Setting.'
		});
	});

	it('does not take a move for an edit at the same version', () => {
		const own = new OwnChanges<string>(sam);
		own.heard(event({ seq: 41, version: 5 }));
		expect(own.answered(7, 'order.updated', 5, 'Saved.')).toBeNull();
	});
});

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

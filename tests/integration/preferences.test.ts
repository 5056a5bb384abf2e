import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/events';
import { readBoardPreferences, updateBoardPreferences } from '../../src/lib/server/preferences';
import type { StartedServices } from '../../src/lib/server/start';
import { refusalChecker } from '../helpers/commands';
import { backends } from '../helpers/services';

describe.each(backends)('board preferences on $name', (backend) => {
	let services: StartedServices;
	let sam: Actor;
	let elena: Actor;

	beforeAll(async () => {
		services = await backend.start();
		const [staff, bench] = await services.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role)
			values ('sam', 'Sam Ortiz', 'staff'), ('elena', 'Elena Novak', 'bench')
			returning id`;
		sam = { id: staff.id, name: 'Sam Ortiz', role: 'staff' };
		elena = { id: bench.id, name: 'Elena Novak', role: 'bench' };
	});
	afterAll(() => services.stop());

	const snapshot = () => services.db.sql`select id, board_late_first from users order by id`;
	const refused = refusalChecker(snapshot);

	it('keeps "late first" for the one person who chose it', async () => {
		const sql = services.db.sql;
		expect(await readBoardPreferences(sql, sam)).toEqual({ lateFirst: false });
		expect(await updateBoardPreferences(sql, sam, { lateFirst: true })).toEqual({
			lateFirst: true
		});
		expect(await readBoardPreferences(sql, sam)).toEqual({ lateFirst: true });
		expect(await readBoardPreferences(sql, elena)).toEqual({ lateFirst: false });
		await updateBoardPreferences(sql, sam, { lateFirst: false });
		expect(await readBoardPreferences(sql, sam)).toEqual({ lateFirst: false });
	});

	it('refuses bad input by naming the field, and changes nothing', async () => {
		const sql = services.db.sql;
		for (const input of [{ lateFirst: 'yes' }, {}, null, [], { lateFirst: true, sort: 'due' }]) {
			const error = await refused(() => updateBoardPreferences(sql, sam, input));
			expect(error.status, JSON.stringify(input)).toBe(400);
		}
		const wrongType = await refused(() => updateBoardPreferences(sql, sam, { lateFirst: 'yes' }));
		expect(wrongType.details.field).toBe('lateFirst');
		expect(wrongType.message).toMatch(/lateFirst must be true or false/);
	});

	it('gives a wall display none: its id names a device, never a person', async () => {
		const display: Actor = { id: sam.id, name: 'Showroom', role: 'display' };
		const error = await refused(() =>
			updateBoardPreferences(services.db.sql, display, { lateFirst: true })
		);
		expect(error.status).toBe(403);
		expect(await readBoardPreferences(services.db.sql, display)).toEqual({ lateFirst: false });
	});
});

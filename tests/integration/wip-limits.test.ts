import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDisplay, updateDisplayOptions } from '../../src/lib/server/auth/displays';
import type { ScreenNotice } from '../../src/lib/server/bus';
import { getBoard } from '../../src/lib/server/board';
import type { Actor } from '../../src/lib/server/events';
import { listSettingsChanges } from '../../src/lib/server/settings-trail';
import type { StartedServices } from '../../src/lib/server/start';
import {
	getWipLimits,
	readWipLimits,
	readWipLimitsFor,
	updateWipLimits
} from '../../src/lib/server/wip-limits';
import { NO_WIP_LIMITS } from '../../src/lib/wip';
import { changeLines, sectionTitle } from '../../src/lib/words/settings-trail';
import { refusalChecker } from '../helpers/commands';
import { backends } from '../helpers/services';

describe.each(backends)('work-in-progress limits on $name', (backend) => {
	let services: StartedServices;
	const notices: ScreenNotice[] = [];
	const as = (role: Actor['role'], name = 'Someone'): Actor => ({
		id: services.shopActor.id,
		name,
		role
	});
	const owner = () => as('owner', 'Avery Stone');
	const manager = () => as('manager', 'Morgan Lee');
	const trail = () => listSettingsChanges(services, owner());

	beforeAll(async () => {
		services = await backend.start();
		services.bus.onScreenNotice((notice) => notices.push(notice));
	});
	afterAll(() => services?.stop());

	// A refusal changes no limit, records nothing and tells no screen.
	const refused = refusalChecker(async () => ({
		limits: await readWipLimits(services.db.sql),
		trail: (await trail()).length,
		notices: notices.length
	}));

	it('has no limits at first, and every board says so', async () => {
		expect(await readWipLimits(services.db.sql)).toEqual(NO_WIP_LIMITS);
		expect((await getBoard(services.db.sql, as('bench'))).wipLimits).toEqual(NO_WIP_LIMITS);
	});

	it('a manager sets limits; the others stay; every screen hears; the trail has before and after', async () => {
		const before = (await trail()).length;
		const limits = await updateWipLimits(services, manager(), {
			stages: { design: 5, setting: 3 },
			perJeweler: 4
		});
		expect(limits).toEqual({ stages: { design: 5, setting: 3 }, perJeweler: 4, jewelers: {} });
		expect(notices.at(-1)).toEqual({ type: 'wip', limits });

		const next = await updateWipLimits(services, owner(), {
			stages: { design: 6, setting: null },
			jewelers: { Priya: 6 }
		});
		expect(next).toEqual({ stages: { design: 6 }, perJeweler: 4, jewelers: { Priya: 6 } });
		expect(await getWipLimits(services.db.sql, as('staff'))).toEqual(next);
		expect((await getBoard(services.db.sql, as('staff'))).wipLimits).toEqual(next);

		const [second, first, ...older] = await trail();
		expect(older).toHaveLength(before);
		expect(first).toMatchObject({ actor: 'Morgan Lee', section: 'wip' });
		expect(sectionTitle(first)).toBe('Work-in-progress limits');
		// Stage by stage through the workshop, then the jewelers'.
		expect(changeLines(first)).toEqual([
			{ label: 'Limit in Design', before: 'no limit', after: '5 orders' },
			{ label: 'Limit in Setting', before: 'no limit', after: '3 orders' },
			{ label: 'Limit per jeweler', before: 'no limit', after: '4 orders' }
		]);
		expect(second.actor).toBe('Avery Stone');
		// A removed limit is on the trail too, going to "no limit".
		expect(changeLines(second)).toEqual([
			{ label: 'Limit in Design', before: '5 orders', after: '6 orders' },
			{ label: 'Limit in Setting', before: '3 orders', after: 'no limit' },
			{ label: 'Limit for Priya', before: 'no limit', after: '6 orders' }
		]);

		// Saving what is there records nothing and tells no screen.
		const heard = notices.length;
		await updateWipLimits(services, manager(), { stages: { design: 6 }, jewelers: { Priya: 6 } });
		expect((await trail()).length).toBe(before + 2);
		expect(notices.length).toBe(heard);

		// A jeweler's own limit removed: back to the one for everyone.
		const removed = await updateWipLimits(services, manager(), { jewelers: { Priya: null } });
		expect(removed.jewelers).toEqual({});
		expect(changeLines((await trail())[0])).toEqual([
			{ label: 'Limit for Priya', before: '6 orders', after: 'no limit' }
		]);
	});

	it('refuses limits that make no sense, naming the field, and changes nothing', async () => {
		for (const [input, field] of [
			[{ stages: { design: -1 } }, 'stages.design'],
			[{ stages: { design: 0 } }, 'stages.design'],
			[{ stages: { design: 2.5 } }, 'stages.design'],
			[{ stages: { design: '5' } }, 'stages.design'],
			[{ stages: { design: 100000 } }, 'stages.design'],
			[{ stages: { smelting: 3 } }, 'stages.smelting'],
			[{ stages: { picked_up: 3 } }, 'stages.picked_up'],
			[{ perJeweler: -4 }, 'perJeweler'],
			[{ perJeweler: 1e9 }, 'perJeweler'],
			[{ jewelers: { Priya: 3.5 } }, 'jewelers.Priya'],
			[{ jewelers: { Priya: 'many' } }, 'jewelers.Priya'],
			[{ jewelers: { '  ': 3 } }, 'jewelers.  '],
			[{ jewelers: { ['x'.repeat(81)]: 3 } }, `jewelers.${'x'.repeat(81)}`],
			[{ colour: 'red' }, 'colour'],
			[{}, 'body'],
			[[], 'body']
		] as const) {
			const error = await refused(() => updateWipLimits(services, owner(), input));
			expect(error.status, JSON.stringify(input)).toBe(400);
			expect(error.details.field, JSON.stringify(input)).toBe(field);
		}
	});

	it('only the owner or a manager sets limits', async () => {
		for (const role of ['staff', 'bench', 'display'] as const) {
			const error = await refused(() =>
				updateWipLimits(services, as(role), { stages: { casting: 2 } })
			);
			expect(error.status).toBe(403);
		}
		// A wall display reads the stages' limits from its board, never through the API.
		expect((await refused(() => getWipLimits(services.db.sql, as('display')))).status).toBe(403);
	});

	it("a wall display knows people's limits only if it shows who does the work", async () => {
		await updateWipLimits(services, owner(), { stages: { casting: 2 }, jewelers: { Luis: 2 } });
		const { display } = await createDisplay(services, owner(), { name: 'Workshop TV' });
		const screen: Actor = { id: display.id, name: 'Workshop TV', role: 'display' };
		const all = await readWipLimits(services.db.sql);

		expect(await readWipLimitsFor(services.db.sql, screen)).toEqual(all);
		expect((await getBoard(services.db.sql, screen)).wipLimits).toEqual(all);

		await updateDisplayOptions(services, owner(), display.id, { showAssignee: false });
		const shown = (await getBoard(services.db.sql, screen)).wipLimits;
		expect(shown).toEqual({ stages: all.stages, perJeweler: null, jewelers: {} });
		expect(await readWipLimitsFor(services.db.sql, screen)).toEqual(shown);
	});
});

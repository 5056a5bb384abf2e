import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_THRESHOLDS } from '../../src/lib/aging';
import {
	createDisplay,
	listDisplays,
	updateDisplayOptions
} from '../../src/lib/server/auth/displays';
import type { ScreenNotice } from '../../src/lib/server/bus';
import type { Actor } from '../../src/lib/server/events';
import { getBoard } from '../../src/lib/server/board';
import { readSettings, updateStageThresholds } from '../../src/lib/server/settings';
import type { StartedServices } from '../../src/lib/server/start';
import { listSettingsChanges } from '../../src/lib/server/settings-trail';
import {
	readMessageSettings,
	updateMessageSettings
} from '../../src/lib/server/updates/message-settings';
import { changeLines, sectionTitle } from '../../src/lib/words/settings-trail';
import { createVendor, updateVendor } from '../../src/lib/server/vendors';
import { refusalChecker } from '../helpers/commands';
import { backends } from '../helpers/services';

describe.each(backends)('stuck thresholds and wall display options on $name', (backend) => {
	let services: StartedServices;
	const notices: ScreenNotice[] = [];
	const as = (role: Actor['role']): Actor => ({ id: services.shopActor.id, name: 'Someone', role });

	beforeAll(async () => {
		services = await backend.start();
		services.bus.onScreenNotice((notice) => notices.push(notice));
	});
	afterAll(() => services?.stop());

	const refused = refusalChecker(async () => ({
		settings: await readSettings(services.db.sql),
		notices: notices.length
	}));

	it('starts from sensible thresholds, and the board carries them', async () => {
		expect((await readSettings(services.db.sql)).stageThresholds).toEqual(DEFAULT_STAGE_THRESHOLDS);
		const board = await getBoard(services.db.sql, as('display'));
		expect(board.stageThresholds.casting).toBe(7);
	});

	it('a manager changes some stages, keeps the others, and every screen hears of it', async () => {
		const thresholds = await updateStageThresholds(services, as('manager'), {
			casting: 5,
			ready: 21
		});
		expect(thresholds).toEqual({ ...DEFAULT_STAGE_THRESHOLDS, casting: 5, ready: 21 });
		expect((await readSettings(services.db.sql)).stageThresholds).toEqual(thresholds);
		expect(notices.at(-1)).toEqual({ type: 'settings', stageThresholds: thresholds });
	});

	it('refuses thresholds that make no sense, naming the stage, and refuses the bench', async () => {
		for (const [input, field] of [
			[{ casting: 0 }, 'casting'],
			[{ casting: 2.5 }, 'casting'],
			[{ casting: 400 }, 'casting'],
			[{ smelting: 3 }, 'smelting'],
			[{}, 'body']
		] as const) {
			const error = await refused(() => updateStageThresholds(services, as('owner'), input));
			expect(error.details.field).toBe(field);
		}
		expect(
			(await refused(() => updateStageThresholds(services, as('bench'), { casting: 3 }))).status
		).toBe(403);
	});

	it('the owner sets what one display shows, and only that display is told', async () => {
		const { display } = await createDisplay(services, as('owner'), { name: 'Workshop TV' });
		expect(display.options).toEqual({
			stages: ['intake', 'design', 'casting', 'setting', 'polishing', 'inspection', 'ready'],
			sort: 'manual',
			showAssignee: true,
			locationId: null
		});
		// Stages come back in workflow order whatever order they were sent in.
		const options = await updateDisplayOptions(services, as('owner'), display.id, {
			stages: ['polishing', 'setting'],
			sort: 'due',
			showAssignee: false
		});
		expect(options).toEqual({
			stages: ['setting', 'polishing'],
			sort: 'due',
			showAssignee: false,
			locationId: null
		});
		expect(notices.at(-1)).toEqual({ type: 'display', displayId: display.id, options });
		const [listed] = (await listDisplays(services, as('owner'))).filter((d) => d.id === display.id);
		expect(listed.options).toEqual(options);

		const kept = await updateDisplayOptions(services, as('owner'), display.id, { sort: 'manual' });
		expect(kept).toEqual({ ...options, sort: 'manual' });

		for (const [input, field] of [
			[{ stages: [] }, 'stages'],
			[{ stages: ['casting', 'casting'] }, 'stages'],
			[{ stages: ['picked_up'] }, 'stages[0]'],
			[{ sort: 'alphabetical' }, 'sort'],
			[{ showAssignee: 'no' }, 'showAssignee'],
			[{ locationId: 'front' }, 'locationId'],
			[{ locationId: 999 }, 'locationId'],
			[{ theme: 'light' }, 'theme']
		] as const) {
			const error = await refused(() =>
				updateDisplayOptions(services, as('owner'), display.id, input)
			);
			expect(error.details.field).toBe(field);
		}
		expect(
			(
				await refused(() =>
					updateDisplayOptions(services, as('manager'), display.id, { sort: 'due' })
				)
			).status
		).toBe(403);
		expect(
			(await refused(() => updateDisplayOptions(services, as('owner'), 99999, { sort: 'due' })))
				.status
		).toBe(404);
	});

	it("every change to these settings is on the owner's trail: who, where, before and after", async () => {
		const manager: Actor = { ...as('manager'), name: 'Morgan Lee' };
		const owner: Actor = { ...as('owner'), name: 'Avery Stone' };
		const trail = () => listSettingsChanges(services, owner);
		const before = (await trail()).length;

		await updateStageThresholds(services, manager, { polishing: 4 });
		const { display } = await createDisplay(services, owner, { name: 'Showroom TV' });
		await updateDisplayOptions(services, owner, display.id, { sort: 'due', showAssignee: false });
		await updateMessageSettings(services, owner, {
			enabled: false,
			openingHours: 'Tue–Sat 10–6',
			templates: { ready: { subject: 'Your piece is ready', body: 'Come by, {{firstName}}.' } }
		});

		const [messages, shown, stuck] = await trail();
		expect((await trail()).length).toBe(before + 3);
		expect(stuck).toMatchObject({ actor: 'Morgan Lee', section: 'stuck' });
		expect(sectionTitle(stuck)).toBe('Stuck after');
		expect(changeLines(stuck)).toEqual([
			{ label: 'Stuck in Polishing after', before: '3 days', after: '4 days' }
		]);
		expect(sectionTitle(shown)).toBe('Display Showroom TV');
		expect(changeLines(shown)).toEqual([
			{ label: 'Order in a column', before: 'as on the board', after: 'soonest due first' },
			{ label: 'Assignee', before: 'shown', after: 'hidden' }
		]);
		expect(changeLines(messages).map((line) => line.label)).toEqual([
			'Customer messages',
			'Opening hours',
			'Message: Ready for pickup'
		]);
		expect(changeLines(messages).at(-1)?.after).toBe('“Your piece is ready”');

		// Saving what is already there records nothing and tells no screen.
		const heard = notices.length;
		await updateStageThresholds(services, manager, { polishing: 4 });
		await updateDisplayOptions(services, owner, display.id, { sort: 'due' });
		await updateMessageSettings(services, owner, {
			enabled: (await readMessageSettings(services.db.sql)).enabled
		});
		expect((await trail()).length).toBe(before + 3);
		expect(notices.length).toBe(heard);
	});

	it('every vendor added or changed is on the trail, for whoever manages vendors', async () => {
		const manager: Actor = { ...as('manager'), name: 'Morgan Lee' };
		const vendorTrail = () => listSettingsChanges(services, manager, { only: 'vendors' });
		const before = (await vendorTrail()).length;

		const vendor = await createVendor(services.db.sql, manager, {
			name: 'Halvorsen Casting',
			kind: 'casting',
			phone: '555-0190'
		});
		await updateVendor(services.db.sql, manager, vendor.id, { phone: '555-0191', notes: null });
		// Nothing that differs: nothing recorded.
		await updateVendor(services.db.sql, manager, vendor.id, { phone: '555-0191' });

		const [changed, added, ...older] = await vendorTrail();
		expect(older).toHaveLength(before);
		expect(sectionTitle(changed)).toBe('Vendor Halvorsen Casting');
		expect(changed.actor).toBe('Morgan Lee');
		expect(changeLines(changed)).toEqual([
			{ label: 'Phone', before: '555-0190', after: '555-0191' }
		]);
		expect(changeLines(added)).toEqual([
			{ label: 'Name', before: '(none)', after: 'Halvorsen Casting' },
			{ label: 'Kind', before: '(none)', after: 'Casting house' },
			{ label: 'Phone', before: '(none)', after: '555-0190' }
		]);
		// The owner's trail has them too; a bench jeweler may not read it.
		expect((await listSettingsChanges(services, as('owner')))[0]).toEqual(changed);
		expect(
			(await refused(() => listSettingsChanges(services, as('bench'), { only: 'vendors' }))).status
		).toBe(403);
	});
});

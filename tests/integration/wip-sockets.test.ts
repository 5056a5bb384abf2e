import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createDisplay,
	signInDisplay,
	updateDisplayOptions
} from '../../src/lib/server/auth/displays';
import { createSession } from '../../src/lib/server/auth/sessions';
import type { Actor } from '../../src/lib/server/events';
import type { StartedServices } from '../../src/lib/server/start';
import { updateWipLimits } from '../../src/lib/server/wip-limits';
import { backends } from '../helpers/services';
import { screen, socketServer } from '../helpers/sockets';
import { until } from '../helpers/until';

type Screen = Awaited<ReturnType<typeof screen>>;

const sent = (one: Screen) => one.received.filter(({ name }) => name === 'wip:changed');

/** The limits the screen is sent next, after the `seen` it had been sent before. */
async function limitsSent(one: Screen, seen: number, what: string) {
	await until(() => sent(one).length > seen, what, 3000);
	expect(sent(one)).toHaveLength(seen + 1);
	return sent(one).at(-1)!.payload;
}

describe.each(backends)('work-in-progress limits reaching open screens on $name', (backend) => {
	let services: StartedServices;
	let server: Awaited<ReturnType<typeof socketServer>>;
	const screens: Screen[] = [];
	const owner = (): Actor => ({ id: services.shopActor.id, name: 'Avery Stone', role: 'owner' });

	beforeAll(async () => {
		services = await backend.start();
		server = await socketServer(services);
	});
	afterAll(async () => {
		for (const one of screens) one.socket.close();
		await server?.close();
		await services?.stop();
	});

	async function open(token: string) {
		const one = await screen(server.url, token);
		screens.push(one);
		return one;
	}

	async function wallDisplay(name: string, showAssignee: boolean) {
		const { display, linkToken } = await createDisplay(services, owner(), { name });
		await updateDisplayOptions(services, owner(), display.id, { showAssignee });
		const session = (await signInDisplay(services, linkToken, { ip: null, userAgent: null }))!;
		return { id: display.id, tv: await open(session.token) };
	}

	it("every board gets all the limits; a display gets people's only if it shows assignees, and again when that changes", async () => {
		const [user] = await services.db.sql<{ id: number }[]>`
			insert into users (username, display_name, role) values ('morgan', 'Morgan Lee', 'manager')
			returning id`;
		const board = await open((await createSession(services.db.sql, { userId: user.id })).token);
		const workshop = await wallDisplay('Workshop TV', true);
		const showroom = await wallDisplay('Showroom TV', false);
		// Each screen is sent the limits as it connects: one that was away missed any change.
		const none = { stages: {}, perJeweler: null, jewelers: {} };
		for (const one of [board, workshop.tv, showroom.tv])
			expect(await limitsSent(one, 0, 'the limits as the screen connects')).toEqual(none);

		const limits = await updateWipLimits(services, owner(), {
			stages: { design: 2 },
			perJeweler: 3,
			jewelers: { Luis: 1 }
		});
		expect(await limitsSent(board, 1, 'the limits on the board')).toEqual(limits);
		expect(await limitsSent(workshop.tv, 1, 'the limits on the workshop TV')).toEqual(limits);
		const stagesOnly = { stages: { design: 2 }, perJeweler: null, jewelers: {} };
		expect(await limitsSent(showroom.tv, 1, 'the limits on the showroom TV')).toEqual(stagesOnly);

		// The showroom starts showing assignees: it is sent the people's limits, and keeps them.
		await updateDisplayOptions(services, owner(), showroom.id, { showAssignee: true });
		expect(await limitsSent(showroom.tv, 2, "the people's limits on the showroom TV")).toEqual(
			limits
		);
		await updateDisplayOptions(services, owner(), workshop.id, { showAssignee: false });
		expect(await limitsSent(workshop.tv, 2, 'the stages only on the workshop TV')).toEqual(
			stagesOnly
		);
		const next = await updateWipLimits(services, owner(), { jewelers: { Luis: 2 } });
		expect(await limitsSent(showroom.tv, 3, 'the new limits on the showroom TV')).toEqual(next);
		expect(await limitsSent(workshop.tv, 3, 'the new limits on the workshop TV')).toEqual(
			stagesOnly
		);
		// A display's options changing sent nothing to the staff screen.
		expect(await limitsSent(board, 2, 'the new limits on the board')).toEqual(next);

		// A screen that connects now is sent what holds now.
		const late = await open((await createSession(services.db.sql, { userId: user.id })).token);
		expect(await limitsSent(late, 0, 'the limits on a screen that just connected')).toEqual(next);
	});
});

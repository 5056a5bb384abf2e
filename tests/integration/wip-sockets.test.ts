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

/** What the screen was last sent as `wip:changed`, once it has been sent `count` of them. */
async function limitsSent(one: Screen, what: string, count = 1) {
	const sent = () => one.received.filter(({ name }) => name === 'wip:changed');
	await until(() => sent().length >= count, what, 3000);
	return sent().at(-1)!.payload;
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

		const limits = await updateWipLimits(services, owner(), {
			stages: { design: 2 },
			perJeweler: 3,
			jewelers: { Luis: 1 }
		});
		expect(await limitsSent(board, 'the limits on the board')).toEqual(limits);
		expect(await limitsSent(workshop.tv, 'the limits on the workshop TV')).toEqual(limits);
		const stagesOnly = { stages: { design: 2 }, perJeweler: null, jewelers: {} };
		expect(await limitsSent(showroom.tv, 'the limits on the showroom TV')).toEqual(stagesOnly);

		// The showroom starts showing assignees: it is sent the people's limits, and keeps them.
		await updateDisplayOptions(services, owner(), showroom.id, { showAssignee: true });
		expect(await limitsSent(showroom.tv, "the people's limits on the showroom TV", 2)).toEqual(
			limits
		);
		await updateDisplayOptions(services, owner(), workshop.id, { showAssignee: false });
		expect(await limitsSent(workshop.tv, 'the stages only on the workshop TV', 2)).toEqual(
			stagesOnly
		);
		const next = await updateWipLimits(services, owner(), { jewelers: { Luis: 2 } });
		expect(await limitsSent(showroom.tv, 'the new limits on the showroom TV', 3)).toEqual(next);
		expect(await limitsSent(workshop.tv, 'the new limits on the workshop TV', 3)).toEqual(
			stagesOnly
		);
		expect(await limitsSent(board, 'the new limits on the board', 2)).toEqual(next);
		// A display's options changing sends nothing to the staff screens.
		expect(board.received.filter(({ name }) => name === 'wip:changed')).toHaveLength(2);
	});
});

// The failover line: three app processes over one PostgreSQL, screens spread over them and moves
// offered at a steady rate; one process is killed (SIGKILL) mid-run. Its screens connect to the
// next process, as behind a balancer, and catch up from the log (`/events?after=`), as the browser
// does after any reconnect. Moves sent to the dead process fail; none of them may have committed.
import type { Board } from '../src/lib/types';
import type { CardAnswer } from '../src/lib/api/answers';
import type { OrderEvent } from '../src/lib/events';
import { Screens } from './screens';
import { boardsDiffering, ScreenBoard } from './screen-board';
import type { BenchServer } from './server';

export interface FailoverOptions {
	/** Three (or more) processes; the second is the one killed. */
	apps: BenchServer[];
	cookie: string;
	screens: number;
	movesPerSecond: number;
	line: (name: string, fields: Record<string, string | number>) => void;
}

const BEFORE_KILL_MS = 4000;
const AFTER_KILL_MS = 6000;

export async function failoverScenario(options: FailoverOptions): Promise<void> {
	const { apps, cookie, movesPerSecond } = options;
	const victim = apps[1];
	const alive = new Set(apps);
	const get = async <T>(url: string): Promise<T> => {
		const response = await fetch(url, { headers: { cookie } });
		if (!response.ok) throw new Error(`${url}: ${response.status}`);
		return (await response.json()) as T;
	};

	const counts = { outOfOrder: 0, catchUps: 0 };
	let lastReconnect = 0;
	const boards: ScreenBoard[] = [];
	const board = await get<Board>(`${apps[0].url}/api/v1/board`);
	const screens = await Screens.connect(
		apps.map((app) => app.url),
		options.screens,
		{
			cookie,
			onEvent: (index, event) => boards[index]?.receive(event),
			failover: {
				onReconnect: (index) => {
					lastReconnect = performance.now();
					boards[index].resume();
				}
			}
		}
	);
	for (let i = 0; i < options.screens; i++) {
		// Each screen asks the process it is connected to now.
		const catchUp = async (after: number) =>
			(
				await get<{ events: OrderEvent[] }>(
					`${screens.urls[i]}/api/v1/events?after=${after}&limit=1000`
				)
			).events;
		boards.push(new ScreenBoard(board, catchUp, counts));
	}
	const onVictim = screens.urls.filter((url) => url === victim.url).length;

	const cards = board.orders.filter((o) => o.stage !== 'ready').slice(0, 300);
	const versions = new Map(cards.map((c) => [c.id, c.version]));
	const stageOf = new Map<number, string>(cards.map((c) => [c.id, c.stage]));
	const stages = ['design', 'casting', 'setting', 'polishing'];
	const busy = new Set<number>();
	/** Moves whose process died under them: the card, and the version the move named. */
	const failed = new Map<number, number>();
	const statuses = new Map<number, number>();
	const moves: Promise<void>[] = [];
	let sent = 0;

	function moveOne(card: (typeof cards)[number], i: number): Promise<void> {
		const targets = [...alive];
		const app = targets[sent++ % targets.length];
		const version = versions.get(card.id)!;
		const current = stageOf.get(card.id)!;
		const stage = stages.filter((s) => s !== current)[(i + card.id) % (stages.length - 1)];
		busy.add(card.id);
		return fetch(`${app.url}/api/v1/orders/${card.id}/move`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ stage, afterId: null, version })
		})
			.then(
				async (response) => {
					statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
					if (!response.ok) return;
					versions.set(card.id, ((await response.json()) as CardAnswer).card.version);
					stageOf.set(card.id, stage);
				},
				() => {
					// The connection failed or was cut: as a balancer would, send no more there. The
					// card is not moved again, so the end can tell whether this move committed.
					alive.delete(app);
					failed.set(card.id, version);
				}
			)
			.finally(() => {
				if (!failed.has(card.id)) busy.delete(card.id);
			});
	}

	const started = performance.now();
	const total = Math.round((movesPerSecond * (BEFORE_KILL_MS + AFTER_KILL_MS)) / 1000);
	let killedAt = 0;
	let seqAtKill = 0;
	let converged: Promise<number> = Promise.resolve(NaN);
	for (let i = 0; i < total; i++) {
		const wait = started + (i * 1000) / movesPerSecond - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		if (!killedAt && performance.now() - started >= BEFORE_KILL_MS) {
			killedAt = performance.now();
			await victim.kill();
			// Everything committed up to the kill: each screen's board must reach it.
			seqAtKill = (await get<{ seq: number }>(`${apps[0].url}/api/v1/health`)).seq;
			converged = watchConvergence();
		}
		const card = cards[(i * 7) % cards.length];
		if (busy.has(card.id)) continue;
		moves.push(moveOne(card, i));
	}
	await Promise.all(moves);

	/**
	 * Ms from the kill until every screen is connected to a live process and has applied every event
	 * committed before the kill.
	 */
	async function watchConvergence(): Promise<number> {
		const live = (i: number) => screens.urls[i] !== victim.url && screens.sockets[i].connected;
		while (performance.now() - killedAt < 30_000) {
			if (boards.every((b, i) => b.seq >= seqAtKill && live(i)))
				return performance.now() - killedAt;
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		return NaN;
	}

	// Then every screen must hold exactly the database's board, each event applied once.
	const truth = await get<Board>(`${apps[0].url}/api/v1/board`);
	const differing = await boardsDiffering(boards, truth, 100);
	const truthVersion = new Map(truth.orders.map((o) => [o.id, o.version]));
	const committedAnyway = [...failed].filter(([id, version]) => truthVersion.get(id) !== version);
	const convergedMs = await converged;
	const answered = [...statuses.values()].reduce((sum, n) => sum + n, 0);
	options.line('failover', {
		processes: apps.length,
		screens: options.screens,
		moves_per_s: movesPerSecond,
		moves: answered,
		screens_on_killed: onVictim,
		reconnects: screens.reconnects,
		// When the last of the killed process's screens was connected to another.
		reconnected_ms: lastReconnect ? (lastReconnect - killedAt).toFixed(0) : 'never',
		converged_ms: Number.isNaN(convergedMs) ? 'never' : convergedMs.toFixed(0),
		// A screen applies events only in seq order, so one behind the database's seq lacks events.
		lost: boards.reduce((sum, b) => sum + Math.max(0, truth.seq - b.seq), 0),
		duplicated: screens.duplicated,
		reordered: screens.reordered,
		boards_differing: differing,
		failed_moves: failed.size,
		failed_but_committed: committedAnyway.length,
		http_non_200: answered - (statuses.get(200) ?? 0),
		catch_ups: counts.catchUps
	});
	screens.close();
}

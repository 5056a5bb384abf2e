// `npm run seed`: loads the demo orders into the database the server would use (DATABASE_URL, or
// the embedded one in DATA_DIR). Stop the server first when it runs on the embedded database.
// `npm run seed -- --history=N [--seed=S] [--open]`: writes N past orders instead (a year of
// plausible history from the seeded generator; --open keeps the ones still in the workshop today).
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { generateHistory } from '../../src/lib/server/history-generator';
import { seedDemoData, seedDemoStaff } from '../../src/lib/server/seed';
import { startServices } from '../../src/lib/server/start';

const { values } = parseArgs({
	options: {
		history: { type: 'string' },
		seed: { type: 'string' },
		open: { type: 'boolean', default: false }
	}
});
const count = (name: string, text: string | undefined, fallback: number) => {
	if (text === undefined) return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 1 || value > 10_000_000) {
		console.error(`--${name} must be a whole number from 1 to 10000000 (got ${text})`);
		process.exit(2);
	}
	return value;
};
const history = values.history === undefined ? null : count('history', values.history, 0);
const seed = count('seed', values.seed, 21);

const config = readConfig();
const services = await startServices({ ...config, seed: 'none', log: (m) => console.log(m) });
try {
	if (history !== null) {
		const started = Date.now();
		const written = await generateHistory(services.db.sql, services.shopActor, {
			orders: history,
			seed,
			keepOpen: values.open,
			progress: (so) => console.log(`… ${so.orders} orders, ${so.events} events`)
		});
		console.log(
			`Wrote ${written.orders} past orders and ${written.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed}).`
		);
	} else {
		const [{ count }] = await services.db.sql<
			{ count: number }[]
		>`select count(*)::int as count from orders`;
		if (count > 0)
			console.log(`The database already has ${count} orders; adding the demo orders beside them.`);
		await seedDemoStaff(services, services.shopActor);
		const added = await seedDemoData(services, services.shopActor);
		console.log(
			`Loaded ${added} demo orders, a year of past ones and the demo staff (passwords in the README).`
		);
	}
} finally {
	await services.stop();
}

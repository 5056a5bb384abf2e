// `npm run seed`: loads the demo orders into the database the server would use (DATABASE_URL, or
// the embedded one in DATA_DIR). Stop the server first when it runs on the embedded database.
import { readConfig } from '../config';
import { seedDemoData, seedDemoStaff } from '../../src/lib/server/seed';
import { startServices } from '../../src/lib/server/start';

const config = readConfig();
const services = await startServices({ ...config, seed: 'none', log: (m) => console.log(m) });
try {
	const [{ count }] = await services.db.sql<
		{ count: number }[]
	>`select count(*)::int as count from orders`;
	if (count > 0)
		console.log(`The database already has ${count} orders; adding the demo orders beside them.`);
	const added = await seedDemoData(services, services.shopActor);
	await seedDemoStaff(services, services.shopActor);
	console.log(`Loaded ${added} demo orders and the demo staff (passwords in the README).`);
} finally {
	await services.stop();
}

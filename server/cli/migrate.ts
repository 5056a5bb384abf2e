// `npm run migrate`: brings the database the server would use up to date and exits (what every
// start does too). For a least-privilege setup, run it as the database's owner (docs/operations.md).
import { readConfig } from '../config';
import { startServices } from '../../src/lib/server/start';

const services = await startServices({ ...readConfig(), seed: 'none', log: (m) => console.log(m) });
console.log('The database is up to date.');
await services.stop();

// `npm run audit:verify`: recomputes every event's hash chain. Exit 0 when every chain holds, 1 with
// the first broken link named. On the embedded database, stop the server first.
import { readConfig } from '../config';
import { describeReport, verifyEventLog } from '../../src/lib/server/audit-chain';
import { startServices } from '../../src/lib/server/start';

const services = await startServices({ ...readConfig(), seed: 'none' });
try {
	const report = await verifyEventLog(services.db.sql, services.auditKey);
	console.log(
		`Checkpoints are signed with the key ${services.auditKey.fingerprint} (${services.auditKey.source}).`
	);
	(report.ok ? console.log : console.error)(describeReport(report));
	if (!report.ok) process.exitCode = 1;
} finally {
	await services.stop();
}

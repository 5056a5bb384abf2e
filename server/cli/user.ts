// `npm run user -- <command>`: staff accounts from the command line, for scripted installs.
//   add --username U --name "Full Name" --role owner|manager|staff|bench [--password-stdin]
//   list
//   reset-password --username U [--password-stdin]
//   disable --username U
// Without --password-stdin a strong password is generated and printed once. On the embedded
// database, stop the server first (the data folder belongs to one process).
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import {
	createAccount,
	disableAccount,
	listAccounts,
	resetPassword
} from '../../src/lib/server/auth/accounts';
import { generateToken } from '../../src/lib/server/auth/tokens';
import { DomainError } from '../../src/lib/server/errors';
import { startServices } from '../../src/lib/server/start';

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: {
		username: { type: 'string' },
		name: { type: 'string' },
		role: { type: 'string' },
		'password-stdin': { type: 'boolean', default: false }
	}
});
const command = positionals[0];
const usage =
	'usage: npm run user -- add|list|reset-password|disable [--username U] [--name N] [--role R] [--password-stdin]';

async function readPassword(): Promise<{ password: string; generated: boolean }> {
	if (!values['password-stdin']) {
		// Four groups of random base32: about 100 bits, easy to read out once.
		return { password: generateToken().slice(0, 24).match(/.{6}/g)!.join('-'), generated: true };
	}
	let input = '';
	for await (const chunk of process.stdin) input += chunk;
	return { password: input.replace(/\r?\n$/, ''), generated: false };
}

if (!['add', 'list', 'reset-password', 'disable'].includes(command)) {
	console.error(usage);
	process.exit(2);
}

const config = readConfig();
const services = await startServices({ ...config, seed: 'none' });
const system = services.shopActor;
try {
	const accounts = await listAccounts(services, system);
	const find = () => {
		const account = accounts.find((a) => a.username === values.username?.toLowerCase());
		if (!account)
			throw new DomainError(
				404,
				'not_found',
				`No account named ${values.username ?? '(missing --username)'}`
			);
		return account;
	};
	if (command === 'list') {
		for (const a of accounts) {
			console.log(
				`${a.username.padEnd(20)} ${a.role.padEnd(8)} ${a.disabledAt ? 'disabled' : 'active  '} ${a.displayName}`
			);
		}
	} else if (command === 'add') {
		const { password, generated } = await readPassword();
		const account = await createAccount(services, system, {
			username: values.username ?? '',
			name: values.name ?? values.username ?? '',
			role: values.role ?? '',
			password
		});
		console.log(
			`Added ${account.username} (${account.role}).${generated ? ` Password: ${password}` : ''}`
		);
	} else if (command === 'reset-password') {
		const account = find();
		const { password, generated } = await readPassword();
		await resetPassword(services, system, account.id, password);
		console.log(
			`New password set for ${account.username}; its sessions were ended.${generated ? ` Password: ${password}` : ''}`
		);
	} else {
		const account = find();
		await disableAccount(services, system, account.id);
		console.log(`Disabled ${account.username}; its sessions were ended.`);
	}
} catch (error) {
	if (!(error instanceof DomainError)) throw error;
	console.error(error.message);
	process.exitCode = 1;
} finally {
	await services.stop();
}

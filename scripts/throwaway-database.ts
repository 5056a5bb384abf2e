import postgres from 'postgres';

/**
 * A database of its own on the server behind `adminUrl` (tests, the bench), so nothing touches real
 * data and parallel runs do not see each other. `drop()` removes it.
 */
export async function createThrowawayDatabase(adminUrl: string, name: string) {
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

import fs from 'node:fs';

/** Debian's chromium, or CHROMIUM_PATH; else Playwright's own download if one was installed. */
export function chromiumPath(): string | undefined {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((path) => path && fs.existsSync(path));
}

/** Without the networking flags Chromium floods this closed network with refused connections. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from './fixtures';

/**
 * nginx in front of an app server, with the very site configuration docs/operations.md gives a
 * shop: only its ports, its certificate (self-signed, made here) and its upstream are this test's.
 * With several app ports, the site passes to the documented upstream of several processes instead.
 * A failure here means the documented setup would fail for a shop too.
 */
export function nginxInFront(
	dir: string,
	ports: { http: number; https: number; app: number | number[] }
) {
	let child: ChildProcess | undefined;
	let output = '';
	return {
		origin: `https://127.0.0.1:${ports.https}`,
		async start() {
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			const cert = path.resolve(dir, 'cert.pem');
			const key = path.resolve(dir, 'key.pem');
			execFileSync(
				'openssl',
				[
					'req',
					'-x509',
					'-newkey',
					'rsa:2048',
					'-nodes',
					'-days',
					'2',
					'-keyout',
					key,
					'-out',
					cert,
					'-subj',
					'/CN=127.0.0.1',
					'-addext',
					'subjectAltName=IP:127.0.0.1,DNS:localhost'
				],
				{ stdio: 'ignore' }
			);
			fs.writeFileSync(path.join(dir, 'site.conf'), siteFromDocs(ports, cert, key));
			fs.writeFileSync(path.join(dir, 'nginx.conf'), mainConfig(path.resolve(dir)));
			child = spawn(nginxPath(), ['-p', path.resolve(dir), '-c', path.resolve(dir, 'nginx.conf')], {
				stdio: ['ignore', 'pipe', 'pipe']
			});
			child.stdout?.on('data', (chunk) => (output += chunk));
			child.stderr?.on('data', (chunk) => (output += chunk));
			await expect
				.poll(
					async () => {
						if (child?.exitCode !== null) throw new Error(`nginx exited: ${output}`);
						return (
							(
								await fetch(`http://127.0.0.1:${ports.http}/`, { redirect: 'manual' }).catch(
									() => null
								)
							)?.status ?? 0
						);
					},
					{ timeout: 15_000 }
				)
				.toBe(301);
		},
		/** What nginx said on its error log and console (its warnings too). */
		log: () =>
			output +
			(fs.existsSync(path.join(dir, 'error.log'))
				? fs.readFileSync(path.join(dir, 'error.log'), 'utf8')
				: ''),
		async stop() {
			if (!child || child.exitCode !== null) return;
			const exited = new Promise((resolve) => child?.once('exit', resolve));
			child.kill('SIGQUIT');
			await exited;
		}
	};
}

/** Debian puts it in /usr/sbin, which a user's PATH may lack. */
function nginxPath(): string {
	return fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
}

const replace = (text: string, from: string | RegExp, to: string) => {
	const next = text.replace(from, to);
	if (next === text) throw new Error(`the nginx example no longer has ${from}`);
	return next;
};

/**
 * The first ```nginx block of docs/operations.md (the site), on this test's ports and certificate;
 * with several app ports, also the multi-process ```conf block (the upstream), on those ports.
 */
function siteFromDocs(
	ports: { http: number; https: number; app: number | number[] },
	cert: string,
	key: string
) {
	const docs = fs.readFileSync('docs/operations.md', 'utf8');
	const block = /```nginx\n([\s\S]*?)```/.exec(docs)?.[1];
	if (!block) throw new Error('docs/operations.md has no nginx example');
	let site = replace(block, /^\tlisten 80;/m, `\tlisten 127.0.0.1:${ports.http};`);
	site = replace(site, /^\tlisten 443 ssl/m, `\tlisten 127.0.0.1:${ports.https} ssl`);
	site = replace(
		site,
		/# ssl_certificate and ssl_certificate_key: written here by certbot\./,
		`ssl_certificate ${cert};\n\tssl_certificate_key ${key};`
	);
	if (!Array.isArray(ports.app))
		return replace(
			site,
			'proxy_pass http://127.0.0.1:3000;',
			`proxy_pass http://127.0.0.1:${ports.app};`
		);
	const { upstream, proxyPass } = upstreamFromDocs(docs, ports.app);
	return `${upstream}\n${replace(site, 'proxy_pass http://127.0.0.1:3000;', proxyPass)}`;
}

/**
 * The ```conf block with the upstream of several processes: its servers become this test's ports,
 * and its comment's proxy_pass is what "location /" passes to.
 */
function upstreamFromDocs(docs: string, appPorts: number[]) {
	const block = /```conf\n(upstream [\s\S]*?)```/.exec(docs)?.[1];
	if (!block) throw new Error('docs/operations.md has no upstream example for several processes');
	const proxyPass = /proxy_pass http:\/\/\w+;/.exec(block)?.[0];
	if (!proxyPass) throw new Error('the upstream example no longer says what to proxy_pass to');
	const servers = appPorts.map((port) => `\tserver 127.0.0.1:${port};`).join('\n');
	const upstream = replace(block, /(^\tserver 127\.0\.0\.1:\d+;\n)+/m, `${servers}\n`);
	return { upstream, proxyPass };
}

/** What /etc/nginx/nginx.conf gives a site on Debian, in a folder of the test's own. */
function mainConfig(dir: string) {
	const root = process.getuid?.() === 0;
	return `${root ? 'user root;\n' : ''}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	include ${dir}/site.conf;
}
`;
}

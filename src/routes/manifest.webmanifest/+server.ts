import { readSettings } from '$lib/server/settings';
import type { RequestHandler } from './$types';

/**
 * The installable app (issue #20): a tablet at the bench or a phone adds the board to its home
 * screen under the shop's own name, and it opens without the browser's bars. Public, as a browser
 * asks for it without its session; it says nothing but the shop's name.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const { shopName } = await readSettings(locals.services.db.sql);
	const manifest = {
		name: shopName,
		short_name: shopName.length > 12 ? 'Benchboard' : shopName,
		description: `${shopName}: custom orders, live`,
		start_url: '/',
		scope: '/',
		display: 'standalone',
		background_color: '#f5f3ee',
		theme_color: '#1f3a34',
		icons: [192, 512].map((size) => ({
			src: `/icons/icon-${size}.png`,
			sizes: `${size}x${size}`,
			type: 'image/png',
			purpose: 'any maskable'
		}))
	};
	return new Response(JSON.stringify(manifest), {
		headers: { 'content-type': 'application/manifest+json', 'cache-control': 'no-cache' }
	});
};

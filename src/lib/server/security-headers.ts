/**
 * Headers every answer of the app carries (pages get their Content-Security-Policy from SvelteKit,
 * svelte.config.js). The customer's status page gives no Referer at all: its URL is the secret. The
 * camera is allowed only on the order pages, where photos are taken; nothing else of the device.
 */
export function setSecurityHeaders(url: URL, headers: Headers): void {
	const statusPage = url.pathname.startsWith('/s/');
	const takesPhotos = url.pathname.startsWith('/orders/');
	const set = (name: string, value: string) => {
		if (!headers.has(name)) headers.set(name, value);
	};
	set('x-content-type-options', 'nosniff');
	set('referrer-policy', statusPage ? 'no-referrer' : 'strict-origin-when-cross-origin');
	set(
		'permissions-policy',
		`camera=(${takesPhotos ? 'self' : ''}), microphone=(), geolocation=(), payment=(), usb=()`
	);
	// Answers that are not pages (JSON, files) may not be framed or run anything either.
	set('content-security-policy', "default-src 'none'; frame-ancestors 'none'; sandbox");
	set('x-frame-options', 'DENY');
	if (url.protocol === 'https:') set('strict-transport-security', 'max-age=31536000');
}

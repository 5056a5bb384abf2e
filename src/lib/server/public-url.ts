const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/;

/**
 * Whether customers' links would work: they are made from PUBLIC_URL, and a link to localhost, or
 * a plain-http one for a shop served over https, fails on a customer's phone. `seenAt` is the
 * origin a request came in by (as the proxy headers tell it). Null when the links are fine.
 */
export function publicUrlProblem(publicUrl: string, seenAt: string): string | null {
	const links = new URL(publicUrl);
	const seen = new URL(seenAt);
	if (LOOPBACK.test(links.hostname) && !LOOPBACK.test(seen.hostname))
		return `Customers' links (status pages in messages and on printed slips) point to ${links.origin}, which works only on the server itself, while this page was opened at ${seen.origin}. Set PUBLIC_URL=${seen.origin} and restart.`;
	if (links.protocol === 'http:' && seen.protocol === 'https:')
		return `Customers' links use plain http (${links.origin}) while the shop is served over https. Set PUBLIC_URL=${seen.origin} and restart.`;
	return null;
}

import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard of webhooks: addresses a shop's webhook must not reach unless the owner allowed
 * private addresses for that endpoint. Loopback, private, link-local, CGNAT, multicast, unique-local
 * and the other special-use ranges, IPv4 and IPv6; an IPv4 address written inside IPv6
 * (::ffff:127.0.0.1, NAT64 64:ff9b::/96) is judged as the IPv4 address it carries.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
	['0.0.0.0', 8], // "this network"
	['10.0.0.0', 8], // private
	['100.64.0.0', 10], // carrier-grade NAT
	['127.0.0.0', 8], // loopback
	['169.254.0.0', 16], // link-local (cloud metadata lives here)
	['172.16.0.0', 12], // private
	['192.0.0.0', 24], // IETF protocol assignments
	['192.0.2.0', 24], // documentation
	['192.88.99.0', 24], // 6to4 relay
	['192.168.0.0', 16], // private
	['198.18.0.0', 15], // benchmarking
	['198.51.100.0', 24], // documentation
	['203.0.113.0', 24], // documentation
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4] // reserved, and the broadcast address
] as const)
	blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
	['::', 96], // unspecified, and IPv4-compatible (::127.0.0.1)
	['::1', 128], // loopback
	['100::', 64], // discard
	['2001:db8::', 32], // documentation
	['fc00::', 7], // unique-local
	['fe80::', 10], // link-local
	['fec0::', 10], // old site-local
	['ff00::', 8] // multicast
] as const)
	blocked.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) address. */
function embeddedIPv4(address: string): string | null {
	const match = /^(?:::ffff:|64:ff9b::)(?:0:)?(.+)$/i.exec(address);
	if (!match) return null;
	const tail = match[1];
	if (isIP(tail) === 4) return tail;
	const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
	if (!hex) return null;
	const high = parseInt(hex[1], 16);
	const low = parseInt(hex[2], 16);
	return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether an IP address is one a webhook may not reach without the owner's explicit allow. */
export function isPrivateAddress(address: string): boolean {
	const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	const family = isIP(bare);
	if (family === 4) return blocked.check(bare, 'ipv4');
	if (family !== 6) return true;
	const inner = embeddedIPv4(bare.toLowerCase());
	if (inner) return blocked.check(inner, 'ipv4');
	return blocked.check(bare, 'ipv6');
}

export interface ResolvedAddress {
	address: string;
	family: 4 | 6;
}

/** How a host name becomes addresses; tests pass their own to play a DNS answer that changes. */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (host) =>
	(await dnsLookup(host, { all: true, verbatim: true })).map((one) => ({
		address: one.address,
		family: one.family === 6 ? 6 : 4
	}));

/**
 * The address to connect to for a URL's host, checked: an IP literal as it is, a name resolved now.
 * Throws a plain-words Error when it resolves to nothing, or when any of its addresses is private
 * and `allowPrivate` is off (a name with one public and one private address could be steered to
 * the private one, so one is enough to refuse).
 */
export async function checkedAddress(
	host: string,
	allowPrivate: boolean,
	resolve: Resolver = systemResolver
): Promise<ResolvedAddress> {
	const bare = host.replace(/^\[|\]$/g, '');
	const family = isIP(bare);
	let addresses: ResolvedAddress[];
	if (family) addresses = [{ address: bare, family: family as 4 | 6 }];
	else {
		try {
			addresses = await resolve(bare);
		} catch {
			addresses = [];
		}
		if (addresses.length === 0) throw new Error(`the host ${bare} could not be found (DNS)`);
	}
	if (!allowPrivate) {
		const inside = addresses.find((one) => isPrivateAddress(one.address));
		if (inside)
			throw new Error(
				`${bare} is a private, loopback or otherwise internal address (${inside.address}); allow private addresses for this endpoint to use it`
			);
	}
	return addresses[0];
}

/**
 * Addresses that exist only in examples and demo data, never a real customer's: example.com,
 * example.net and example.org (RFC 2606) and anything under the reserved names .example, .test,
 * .invalid and .localhost; and the North American numbers 555-0100 to 555-0199, set aside for
 * fiction. The demo database's customers all have such addresses, so a shop that starts from the
 * demo with real SMTP or SMS settings never writes to a stranger.
 */
export function isReservedAddress(channel: 'email' | 'sms', recipient: string): boolean {
	if (channel === 'email') {
		const domain = recipient.trim().toLowerCase().split('@').pop()!.replace(/\.$/, '');
		return (
			/(^|\.)example\.(com|net|org)$/.test(domain) ||
			/(^|\.)(example|test|invalid|localhost)$/.test(domain)
		);
	}
	const digits = recipient.replace(/\D/g, '');
	// 555-01xx alone, with an area code, or with the country code 1 before it.
	return /^(1?\d{3})?55501\d\d$/.test(digits);
}

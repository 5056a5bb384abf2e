import { describe, expect, it } from 'vitest';
import { isReservedAddress } from '../../src/lib/server/updates/reserved-addresses';

describe('addresses reserved for examples and demo data', () => {
	it.each([
		'olivia.bennett@example.com',
		'ORDERS@Example.Org',
		'a@mail.example.net',
		'memo@meridiandiamonds.example',
		'someone@shop.test',
		'x@nowhere.invalid',
		'dev@localhost'
	])('the email %s is reserved', (email) => expect(isReservedAddress('email', email)).toBe(true));

	it.each([
		'olivia@bennett-family.net',
		'hello@examples.com',
		'a@example.com.au',
		'b@testshop.com'
	])('the email %s is a real one', (email) =>
		expect(isReservedAddress('email', email)).toBe(false)
	);

	it.each(['555-0142', '(312) 555-0199', '+1 312 555 0100', '13125550123'])(
		'the number %s is reserved for fiction',
		(phone) => expect(isReservedAddress('sms', phone)).toBe(true)
	);

	it.each(['(555) 201-0101', '555-0200', '312 555 0210', '+44 20 7946 0958'])(
		'the number %s is a real one',
		(phone) => expect(isReservedAddress('sms', phone)).toBe(false)
	);
});

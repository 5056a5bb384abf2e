import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/lib/api/client';
import {
	atField,
	checkInBody,
	handoffBody,
	holderInput,
	holderStart,
	photoProblem,
	returnBody
} from '../../src/lib/components/order/custody-form';
import { FieldError } from '../../src/lib/order/draft.svelte';
import { shopFormat } from '../../src/lib/words/format';

const holder = { toKind: 'person', userId: '3', vendorId: '', place: '' };

describe('where an item goes', () => {
	it('is a person, a vendor or a place, as the API takes it', () => {
		expect(holderInput(holder)).toEqual({ kind: 'person', userId: 3 });
		expect(holderInput({ ...holder, toKind: 'vendor', vendorId: '2' })).toEqual({
			kind: 'vendor',
			vendorId: 2
		});
		expect(holderInput({ ...holder, toKind: 'place', place: '  Safe ' })).toEqual({
			kind: 'place',
			place: 'Safe'
		});
	});

	it('left empty, is refused at its field', () => {
		expect(() => holderInput({ ...holder, toKind: 'place' })).toThrow(FieldError);
		expect(() => holderInput({ ...holder, toKind: 'vendor' })).toThrow(FieldError);
		expect(() => holderInput({ ...holder, userId: '' })).toThrow(FieldError);
	});

	it('starts at me, unless it is already with me', () => {
		expect(holderStart(3).userId).toBe('3');
		expect(holderStart(3, { kind: 'person', id: 3 }).userId).toBe('');
		expect(holderStart(3, { kind: 'place' }).userId).toBe('3');
	});
});

const usd = shopFormat({ locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' });

describe('the bodies sent', () => {
	const checkIn = {
		...holder,
		kind: 'jewelry',
		description: " Grandmother's ring ",
		weight: '4.21',
		weightUnit: 'g',
		declaredValueCents: '1,200',
		note: ''
	};

	it('a check-in, with the declared value only for those who may set it', () => {
		expect(checkInBody(checkIn, usd.money)).toEqual({
			kind: 'jewelry',
			description: "Grandmother's ring",
			weight: 4.21,
			weightUnit: 'g',
			to: { kind: 'person', userId: 3 },
			note: null,
			declaredValueCents: 120000
		});
		expect(checkInBody(checkIn, null)).not.toHaveProperty('declaredValueCents');
		expect(() => checkInBody({ ...checkIn, declaredValueCents: '12,50' }, usd.money)).toThrow(
			FieldError
		);
		expect(() => checkInBody({ ...checkIn, weight: '4,21' }, usd.money)).toThrow(FieldError);
	});

	it('a hand-off and a return carry the version seen', () => {
		expect(handoffBody({ ...holder, weight: '', note: 'for sizing' }, 4)).toEqual({
			version: 4,
			to: { kind: 'person', userId: 3 },
			weight: null,
			note: 'for sizing'
		});
		expect(returnBody({ weight: '4.02', note: '' }, 5)).toEqual({
			version: 5,
			weight: 4.02,
			note: null
		});
	});
});

describe("the API's refusals", () => {
	it('land at the field the person sees', () => {
		const place = atField(new ApiError(400, 'invalid', 'to is where it already is (Safe)', 'to'), {
			...holder,
			toKind: 'place'
		});
		expect(place).toEqual(new FieldError('place', 'That is where it already is (Safe)'));
		expect((place as FieldError).field).toBe('place');
		const vendor = atField(
			new ApiError(400, 'invalid', 'to.vendorId 9 is not a vendor', 'to.vendorId'),
			{ ...holder, toKind: 'vendor' }
		) as FieldError;
		expect([vendor.field, vendor.message]).toEqual(['vendorId', '9 is not a vendor']);
		const weight = atField(
			new ApiError(400, 'invalid', 'weight must have at most 3 decimals', 'weight'),
			{ ...holder, weight: '' }
		) as FieldError;
		expect([weight.field, weight.message]).toEqual(['weight', 'Must have at most 3 decimals']);
	});

	it('leave others as they are', () => {
		const conflict = new ApiError(409, 'conflict', 'handed on by someone else', 'version');
		expect(atField(conflict, holder)).toBe(conflict);
		const other = new ApiError(400, 'invalid', 'body is wrong', 'body');
		expect(atField(other, holder)).toBe(other);
	});
});

describe('photos', () => {
	it('must be a JPEG, PNG or WebP of at most 15 MB', () => {
		expect(photoProblem({ name: 'ring.jpg', type: 'image/jpeg', size: 1000 })).toBeNull();
		expect(photoProblem({ name: 'ring.heic', type: 'image/heic', size: 1000 })).toMatch(/not a/);
		expect(photoProblem({ name: 'big.png', type: 'image/png', size: 16 * 1024 * 1024 })).toMatch(
			/limit is 15 MB/
		);
	});
});

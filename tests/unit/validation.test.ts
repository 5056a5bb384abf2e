import { describe, expect, it } from 'vitest';
import { DomainError, parseInput } from '../../src/lib/server/errors';
import { createOrderSchema, moveOrderSchema, updateOrderSchema } from '../../src/lib/validation';

function rejection(schema: Parameters<typeof parseInput>[0], input: unknown) {
	try {
		parseInput(schema, input);
	} catch (error) {
		if (error instanceof DomainError)
			return { status: error.status, field: error.details.field, message: error.message };
		throw error;
	}
	throw new Error('input was accepted');
}

const newOrder = {
	customer: { givenName: 'Chloe', familyName: 'Martin' },
	title: 'Emerald engagement ring',
	dueDate: '2026-06-14'
};

describe('order input validation', () => {
	it('accepts a new order and trims its text', () => {
		const parsed = parseInput(createOrderSchema, {
			...newOrder,
			title: '  Emerald ring  ',
			assignee: ''
		});
		expect(parsed.title).toBe('Emerald ring');
		expect(parsed.assignee).toBeNull();
	});

	it.each([
		[{ ...newOrder, title: '' }, 'title', 'title is required'],
		[{ ...newOrder, title: undefined }, 'title', 'title is required'],
		[{ ...newOrder, title: 'x'.repeat(121) }, 'title', 'title must be at most 120 characters'],
		[{ ...newOrder, dueDate: '2026-02-30' }, 'dueDate', 'dueDate is not a real calendar date'],
		[{ ...newOrder, dueDate: 'next week' }, 'dueDate', 'dueDate must be a date like 2026-06-14'],
		[{ ...newOrder, rush: 'yes' }, 'rush', 'rush must be true or false'],
		[{ ...newOrder, price: 100 }, 'price', 'price is not a field this request takes'],
		[
			{ ...newOrder, customer: { givenName: 'Chloe' } },
			'customer.familyName',
			'customer.familyName is required'
		],
		[
			{
				...newOrder,
				customer: { givenName: 'Chloe', familyName: 'Martin', preferredContact: 'fax' }
			},
			'customer.preferredContact',
			'customer.preferredContact must be one of call, text, email'
		],
		[{ ...newOrder, customer: 'Chloe' }, 'customer', undefined],
		[{ ...newOrder, pieceType: undefined, sizeValue: '6.5' }, 'sizeScale', undefined],
		[{ ...newOrder, sizeValue: '6.3', sizeScale: 'US' }, 'sizeValue', undefined]
	])('rejects %j naming the field', (input, field, message) => {
		const error = rejection(createOrderSchema, input);
		expect(error.status).toBe(400);
		expect(error.field).toBe(field);
		if (message) expect(error.message).toBe(message);
	});

	it('names the body when it is not an object', () => {
		expect(rejection(createOrderSchema, 'ring').field).toBe('body');
		expect(rejection(createOrderSchema, null).field).toBe('body');
	});

	it('needs a version and at least one field to update', () => {
		expect(rejection(updateOrderSchema, { title: 'x' }).message).toBe('version is required');
		expect(rejection(updateOrderSchema, { version: 3 }).field).toBe('body');
	});

	it('takes a move only to a board stage, after a card or to the top', () => {
		expect(parseInput(moveOrderSchema, { stage: 'setting', afterId: null, version: 2 })).toEqual({
			stage: 'setting',
			afterId: null,
			version: 2
		});
		expect(
			rejection(moveOrderSchema, { stage: 'picked_up', afterId: null, version: 2 }).field
		).toBe('stage');
		expect(rejection(moveOrderSchema, { stage: 'setting', version: 2 }).field).toBe('afterId');
		expect(rejection(moveOrderSchema, { stage: 'setting', afterId: 1.5, version: 2 }).field).toBe(
			'afterId'
		);
		expect(
			rejection(moveOrderSchema, { stage: 'setting', afterId: null, version: '2' }).field
		).toBe('version');
	});
});

describe('a domain error', () => {
	it('is recognised across the two copies of its module a built server has', async () => {
		const { DomainError } = await import('../../src/lib/server/errors');
		// A second copy, as SvelteKit's bundle and the server entry each load one.
		const copy = await import('../../src/lib/server/errors?copy' as string);
		expect(copy.DomainError).not.toBe(DomainError);
		const error = new copy.DomainError(400, 'invalid', 'file is empty', { field: 'file' });
		expect(error instanceof DomainError).toBe(true);
		expect(new Error('boom') instanceof DomainError).toBe(false);
	});
});

describe('what a search box sends to full-text search', () => {
	it('matches the beginnings of words, and lets nothing but letters and digits through', async () => {
		const { wordPrefixQuery } = await import('../../src/lib/server/text-search');
		expect(wordPrefixQuery('Oli  Benn')).toBe('oli:* & benn:*');
		expect(wordPrefixQuery("O'Connor")).toBe('o:* & connor:*');
		expect(wordPrefixQuery("sapphire' | !ruby & (x")).toBe('sapphire:* & ruby:* & x:*');
		expect(wordPrefixQuery('Zoë Ångström')).toBe('zoë:* & ångström:*');
		expect(wordPrefixQuery(' -- ')).toBeNull();
	});
});

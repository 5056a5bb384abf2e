import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import { wipLimitsInput } from '../../src/routes/settings/wip-limits-input';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.append(name, value);
	return data;
};

describe('the settings form as a change of limits', () => {
	it('an empty box is no limit; every stage is sent, so a cleared one is removed', () => {
		const input = wipLimitsInput(
			form({ 'stages.design': ' 5 ', 'stages.casting': '', perJeweler: '', 'jewelers.Priya': '6' })
		);
		expect(input.stages).toEqual({
			intake: null,
			design: 5,
			casting: null,
			setting: null,
			polishing: null,
			inspection: null,
			ready: null
		});
		expect(input.perJeweler).toBeNull();
		expect(input.jewelers).toEqual({ Priya: 6 });
	});

	it('what is not a number goes to the check as typed, so its message names the box', () => {
		const input = wipLimitsInput(
			form({ 'stages.design': 'five', perJeweler: '-2', 'jewelers.Luis': '1.5' })
		);
		expect(input.stages.design).toBe('five');
		expect(input.perJeweler).toBe(-2);
		expect(input.jewelers).toEqual({ Luis: 1.5 });
	});

	it('another jeweler needs both a name and a limit', () => {
		expect(wipLimitsInput(form({ newName: ' Ana ', newLimit: '4' })).jewelers).toEqual({ Ana: 4 });
		for (const [fields, field] of [
			[{ newName: 'Ana' }, 'newLimit'],
			[{ newLimit: '4' }, 'newName']
		] as const) {
			const error = (() => {
				try {
					wipLimitsInput(form(fields));
				} catch (caught) {
					return caught;
				}
			})();
			expect(error).toBeInstanceOf(DomainError);
			expect((error as DomainError).details.field).toBe(field);
		}
	});
});

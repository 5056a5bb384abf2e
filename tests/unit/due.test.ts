import { describe, expect, it } from 'vitest';
import { daysUntil, dueBucket, dueState, isLate, todayIn } from '../../src/lib/due';
import { shopFormat } from '../../src/lib/words/format';

const usd = shopFormat({ locale: 'en-US', timeZone: 'America/New_York', currency: 'USD' });

describe("today in the shop's time zone", () => {
	const lateEvening = new Date('2026-06-15T03:30:00Z'); // 23:30 on June 14 in New York

	it('is still yesterday west of UTC late in the evening', () => {
		expect(todayIn('America/New_York', lateEvening)).toBe('2026-06-14');
		expect(todayIn('UTC', lateEvening)).toBe('2026-06-15');
		expect(todayIn('Asia/Tokyo', lateEvening)).toBe('2026-06-15');
	});

	it("decides overdue by the shop's date, not the server's", () => {
		const today = todayIn('America/New_York', lateEvening);
		expect(dueBucket('2026-06-14', today)).toBe('today');
		expect(dueBucket('2026-06-14', todayIn('UTC', lateEvening))).toBe('overdue');
	});
});

describe('due buckets', () => {
	const friday = '2026-11-27';

	it('sorts due dates into overdue, today, this week and later', () => {
		expect(dueBucket(null, friday)).toBe('none');
		expect(dueBucket('2026-11-20', friday)).toBe('overdue');
		expect(dueBucket('2026-11-26', friday)).toBe('overdue');
		expect(dueBucket('2026-11-27', friday)).toBe('today');
		expect(dueBucket('2026-11-28', friday)).toBe('this_week');
		expect(dueBucket('2026-11-29', friday)).toBe('this_week'); // Sunday ends the week
		expect(dueBucket('2026-11-30', friday)).toBe('later');
	});

	it('on a Sunday, only today is left of the week', () => {
		expect(dueBucket('2026-11-29', '2026-11-29')).toBe('today');
		expect(dueBucket('2026-11-30', '2026-11-29')).toBe('later');
	});

	it('counts days across a month and a year end', () => {
		expect(daysUntil('2027-01-02', '2026-12-30')).toBe(3);
		expect(daysUntil('2026-02-28', '2026-03-01')).toBe(-1);
	});
});

describe('due labels say the urgency in words', () => {
	const friday = '2026-11-27';
	it.each([
		[null, 'No due date'],
		['2026-11-26', 'Overdue 1 day'],
		['2026-11-24', 'Overdue 3 days'],
		['2026-11-27', 'Due today'],
		['2026-11-28', 'Due tomorrow'],
		['2026-12-01', 'Due Tue'],
		['2026-12-14', 'Due Dec 14'],
		['2027-01-04', 'Due Jan 4, 2027']
	])('%s reads "%s"', (dueDate, label) => {
		expect(usd.due(dueDate, friday)).toBe(label);
	});
});

describe('a finished piece waiting for its customer', () => {
	const friday = '2026-11-27';
	const ready = {
		stage: 'ready',
		dueDate: '2026-11-20',
		stageEnteredAt: '2026-11-24T15:00:00.000Z'
	};

	it('is waiting, not overdue, whatever its due date said', () => {
		expect(dueState(ready, friday)).toBe('waiting');
		expect(isLate(ready, friday)).toBe(false);
		expect(dueState({ ...ready, stage: 'polishing' }, friday)).toBe('overdue');
		expect(isLate({ ...ready, stage: 'polishing' }, friday)).toBe(true);
	});

	it('says since when it has waited, in the shop’s words', () => {
		expect(usd.dueOf(ready, friday)).toBe('Waiting since Tue');
		expect(usd.dueOf({ ...ready, stageEnteredAt: '2026-11-27T16:00:00.000Z' }, friday)).toBe(
			'Waiting since today'
		);
		expect(usd.dueOf({ ...ready, stageEnteredAt: '2026-11-02T16:00:00.000Z' }, friday)).toBe(
			'Waiting since Mon, Nov 2'
		);
		expect(usd.dueOf({ ...ready, stage: 'setting' }, friday)).toBe('Overdue 7 days');
	});
});

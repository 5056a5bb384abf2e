import { describe, expect, it } from 'vitest';
import {
	DEFAULT_STAGE_THRESHOLDS,
	daysInStage,
	daysInStageLabel,
	isStuck,
	withDefaults
} from '../../src/lib/aging';
import { todayIn } from '../../src/lib/due';

describe("days in stage count calendar days in the shop's time zone", () => {
	const la = 'America/Los_Angeles';
	// 23:30 on January 14 in Los Angeles (PST, UTC-8) is already January 15 in UTC.
	const enteredLate = '2026-01-15T07:30:00Z';

	it('is 0 the same evening and 1 the next morning', () => {
		expect(daysInStage(enteredLate, todayIn(la, new Date('2026-01-15T07:45:00Z')), la)).toBe(0);
		// 08:00 on January 15 in Los Angeles: in UTC it is still the date of the entry.
		const nextMorning = todayIn(la, new Date('2026-01-15T16:00:00Z'));
		expect(nextMorning).toBe('2026-01-15');
		expect(daysInStage(enteredLate, nextMorning, la)).toBe(1);
	});

	it('would be wrong counted in UTC', () => {
		expect(daysInStage(enteredLate, '2026-01-15', 'UTC')).toBe(0);
	});

	it('counts across a daylight-saving change and a month end by dates, not hours', () => {
		// Los Angeles springs forward on March 8, 2026: that day has 23 hours.
		expect(daysInStage('2026-03-07T20:00:00Z', '2026-03-09', la)).toBe(2);
		expect(daysInStage('2026-01-31T12:00:00Z', '2026-02-02', 'Asia/Tokyo')).toBe(2);
	});

	it('is never negative when a clock runs behind', () => {
		expect(daysInStage('2026-03-12T12:00:00Z', '2026-03-10', 'UTC')).toBe(0);
	});
});

describe('stuck', () => {
	const thresholds = { ...DEFAULT_STAGE_THRESHOLDS, casting: 7 };
	const today = '2026-03-20';
	const entered = (daysAgo: number) => new Date(Date.UTC(2026, 2, 20 - daysAgo, 12)).toISOString();

	it('is stuck only above the threshold', () => {
		const casting = (daysAgo: number) => ({
			stage: 'casting' as const,
			stageEnteredAt: entered(daysAgo)
		});
		expect(isStuck(casting(6), thresholds, today, 'UTC')).toBe(false);
		expect(isStuck(casting(7), thresholds, today, 'UTC')).toBe(false);
		expect(isStuck(casting(8), thresholds, today, 'UTC')).toBe(true);
	});

	it('uses the threshold of the stage the order is in', () => {
		const order = { stage: 'inspection' as const, stageEnteredAt: entered(3) };
		expect(isStuck(order, thresholds, today, 'UTC')).toBe(true); // inspection allows 2
		expect(isStuck(order, { ...thresholds, inspection: 5 }, today, 'UTC')).toBe(false);
	});

	it('never flags archived orders', () => {
		for (const stage of ['picked_up', 'cancelled'] as const) {
			expect(isStuck({ stage, stageEnteredAt: entered(400) }, thresholds, today, 'UTC')).toBe(
				false
			);
		}
	});
});

describe('thresholds and labels', () => {
	it('keeps the default for a stage the stored row lacks or spoils', () => {
		const merged = withDefaults({ casting: 12, design: 0, setting: 'x', polishing: 2.5 });
		expect(merged.casting).toBe(12);
		expect(merged.design).toBe(DEFAULT_STAGE_THRESHOLDS.design);
		expect(merged.setting).toBe(DEFAULT_STAGE_THRESHOLDS.setting);
		expect(merged.polishing).toBe(DEFAULT_STAGE_THRESHOLDS.polishing);
		expect(withDefaults(null)).toEqual(DEFAULT_STAGE_THRESHOLDS);
	});

	it('says the days in words', () => {
		expect(daysInStageLabel(0)).toBe('Today');
		expect(daysInStageLabel(1)).toBe('1 day');
		expect(daysInStageLabel(12)).toBe('12 days');
	});
});

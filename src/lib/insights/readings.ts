import { STAGE_LABELS, BOARD_STAGES } from '../stages';
import type {
	AgingChart,
	Chart,
	CycleTimeChart,
	FlowChart,
	OnTimeChart,
	ThroughputChart,
	WaitsChart
} from './charts';

/** One plain sentence per chart: what the owner would say reading it. */

const days = (n: number | null) => (n === null ? '–' : `${n} business day${n === 1 ? '' : 's'}`);
const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function readCycleTime(chart: CycleTimeChart): string {
	const all = chart.endToEnd.find((row) => row.pieceType === null);
	if (!all || all.count === 0) return 'No piece reached Ready in this period.';
	const slowest = [...chart.stages]
		.filter((row) => row.median !== null)
		.sort((a, b) => (b.median ?? 0) - (a.median ?? 0))[0];
	return (
		`Median ${days(all.median)} from intake to ready; 85% within ${round(all.p85 ?? 0)}` +
		(slowest
			? `. The longest stage is ${STAGE_LABELS[slowest.stage]} (median ${round(slowest.median!)}).`
			: '.')
	);
}

export function readThroughput(chart: ThroughputChart): string {
	const total = chart.weeks.reduce((sum, week) => sum + week.finished, 0);
	if (total === 0) return 'No piece was finished in this period.';
	const perWeek = total / chart.weeks.length;
	const recent = chart.weeks.slice(-4);
	const recentPerWeek = recent.reduce((sum, week) => sum + week.finished, 0) / recent.length;
	return `${total} pieces finished, about ${round(Math.round(perWeek * 10) / 10)} a week; ${round(Math.round(recentPerWeek * 10) / 10)} a week over the last ${recent.length} weeks.`;
}

export function readFlow(chart: FlowChart): string {
	const last = chart.days.at(-1);
	if (!last) return 'No days in this period.';
	const open = BOARD_STAGES.reduce((sum, stage) => sum + last.counts[stage], 0);
	if (open === 0) return `No open orders at the end of ${last.day}.`;
	const most = BOARD_STAGES.reduce((a, b) => (last.counts[b] > last.counts[a] ? b : a));
	const first = chart.days[0];
	const openAtStart = BOARD_STAGES.reduce((sum, stage) => sum + first.counts[stage], 0);
	return `${open} orders open at the end of ${last.day} (${openAtStart} at the start), the most in ${STAGE_LABELS[most]} (${last.counts[most]}).`;
}

export function readAging(chart: AgingChart): string {
	if (chart.orders.length === 0) return 'No open orders.';
	const over = chart.orders.filter((order) => {
		const usual = chart.usual[order.stage];
		return usual !== null && order.days > usual;
	});
	return over.length
		? `${over.length} of ${chart.orders.length} open orders have been in their stage longer than 85% of past orders did.`
		: `All ${chart.orders.length} open orders are within their stage's usual time.`;
}

export function readOnTime(chart: OnTimeChart): string {
	const finished = chart.months.reduce((sum, month) => sum + month.finished, 0);
	if (finished === 0) return 'No piece with a due date was finished in this period.';
	const onTime = chart.months.reduce((sum, month) => sum + month.onTime, 0);
	const last = [...chart.months].reverse().find((month) => month.finished > 0)!;
	return `${Math.round((onTime / finished) * 100)}% of pieces were ready by their due date (${onTime} of ${finished}); ${Math.round((last.rate ?? 0) * 100)}% in ${last.month}.`;
}

export function readWaits(chart: WaitsChart): string {
	const blocker = chart.blockers[0];
	const vendor = chart.vendors[0];
	if (!blocker && !vendor) return 'Nothing was waited on in this period.';
	const parts: string[] = [];
	if (blocker)
		parts.push(
			`Orders waited longest on “${blocker.kind}” (${round(blocker.totalDays)} business days over ${blocker.count})`
		);
	if (vendor)
		parts.push(`at vendors, longest at ${vendor.vendor} (median ${days(vendor.median)} a job)`);
	return parts.join('; ') + '.';
}

/** The sentence of any chart. */
export function readingOf(chart: Chart): string {
	switch (chart.chart) {
		case 'cycle-time':
			return readCycleTime(chart);
		case 'throughput':
			return readThroughput(chart);
		case 'flow':
			return readFlow(chart);
		case 'aging':
			return readAging(chart);
		case 'on-time':
			return readOnTime(chart);
		case 'waits':
			return readWaits(chart);
	}
}

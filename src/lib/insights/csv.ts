import { toCsv } from '../csv';
import { STAGE_LABELS } from '../stages';
import { PIECE_TYPE_LABELS } from '../words/vocabulary';
import type { Chart, OrderBehind } from './charts';

type Cell = string | number | null;

/** Each chart as a spreadsheet: the numbers its bars and dots are drawn from. */
export function chartCsv(chart: Chart): string {
	return toCsv(chartRows(chart));
}

function chartRows(chart: Chart): Cell[][] {
	switch (chart.chart) {
		case 'cycle-time':
			return [
				[
					'Measure',
					'Piece type',
					'Orders',
					'Median business days',
					'85th percentile business days'
				],
				...chart.stages.map((row) => [
					STAGE_LABELS[row.stage],
					'All',
					row.count,
					row.median,
					row.p85
				]),
				...chart.endToEnd.map((row) => [
					'Intake to ready',
					row.pieceType ? PIECE_TYPE_LABELS[row.pieceType] : 'All',
					row.count,
					row.median,
					row.p85
				])
			];
		case 'throughput':
			return [
				['Week starting', 'Pieces finished'],
				...chart.weeks.map((w) => [w.week, w.finished])
			];
		case 'flow':
			return [
				['Day', ...Object.keys(chart.days[0]?.counts ?? {}).map((s) => STAGE_LABELS[s as never])],
				...chart.days.map((d) => [d.day, ...Object.values(d.counts)])
			];
		case 'aging':
			return [
				[
					'Order',
					'Title',
					'Piece type',
					'Stage',
					'Business days in stage',
					'Stage usual (85th percentile)'
				],
				...chart.orders.map((o) => [
					o.number,
					o.title,
					PIECE_TYPE_LABELS[o.pieceType],
					STAGE_LABELS[o.stage],
					o.days,
					chart.usual[o.stage]
				])
			];
		case 'on-time':
			return [
				['Month', 'Finished with a due date', 'On time', 'On-time rate'],
				...chart.months.map((m) => [m.month, m.finished, m.onTime, m.rate])
			];
		case 'waits':
			return [
				[
					'Waiting on',
					'Kind',
					'Times',
					'Still open',
					'Total business days',
					'Median business days'
				],
				...chart.blockers.map((b) => [b.kind, 'Blocker', b.count, b.open, b.totalDays, b.median]),
				...chart.vendors.map((v) => [v.vendor, 'Vendor', v.count, v.open, v.totalDays, v.median])
			];
	}
}

/** The orders behind a bar as a spreadsheet. */
export function ordersBehindCsv(orders: readonly OrderBehind[], daysLabel: string): string {
	return toCsv([
		['Order', 'Title', 'Piece type', 'Stage', 'Due date', daysLabel],
		...orders.map((o) => [
			o.number,
			o.title,
			PIECE_TYPE_LABELS[o.pieceType] ?? o.pieceType,
			STAGE_LABELS[o.stage as never] ?? o.stage,
			o.dueDate,
			o.days
		])
	]);
}

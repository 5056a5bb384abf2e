import { todayIn } from '../../due';
import {
	CHARTS,
	insightsQuerySchema,
	type Chart,
	type ChartName,
	type InsightsScope,
	type OrderBehind
} from '../../insights/charts';
import { requirePermission } from '../auth/roles';
import type { Sql, Tx } from '../db';
import { invalid, parseInput } from '../errors';
import type { Actor } from '../events';
import { readLocation } from '../locations';
import { readSettings } from '../settings';
import { readOnly } from '../transaction';
import { aging } from './aging';
import { cycleTime, cycleTimeOrders } from './cycle-time';
import { flow, flowOrders } from './flow';
import { onTime, onTimeOrders } from './on-time';
import type { Q } from './scope';
import { throughput, throughputOrders } from './throughput';
import { waits, waitsOrders } from './waits';

/** Each chart's reading, and the orders behind one of its bars (null: no such bar). */
const READERS: Record<
	ChartName,
	{
		read: (q: Q, scope: InsightsScope) => Promise<Chart>;
		orders: ((q: Q, scope: InsightsScope, bucket: string) => Promise<OrderBehind[] | null>) | null;
	}
> = {
	'cycle-time': { read: cycleTime, orders: cycleTimeOrders },
	throughput: { read: throughput, orders: throughputOrders },
	flow: { read: flow, orders: flowOrders },
	// A dot is one order: it links to the order's page.
	aging: { read: aging, orders: null },
	'on-time': { read: onTime, orders: onTimeOrders },
	waits: { read: waits, orders: waitsOrders }
};

/** Longer periods are refused: ten years of days is already more than a chart can show. */
const MAX_PERIOD_DAYS = 3660;

export function isChart(name: string): name is ChartName {
	return (CHARTS as readonly string[]).includes(name);
}

/** The period asked for, by default the year up to today in the shop's time zone. */
export async function insightsScope(
	q: Q,
	input: unknown,
	now = new Date()
): Promise<InsightsScope & { format: 'json' | 'csv'; bucket: string | null }> {
	const query = parseInput(insightsQuerySchema, input);
	const { timeZone } = await readSettings(q);
	const to = query.to ?? todayIn(timeZone, now);
	const from = query.from ?? shiftDays(to, -364);
	if (from > to) throw invalid('from', 'must not be after to');
	if (dayDiff(from, to) > MAX_PERIOD_DAYS)
		throw invalid('from', `must be at most ${MAX_PERIOD_DAYS} days before to`);
	const locationId = query.location ?? null;
	if (locationId !== null && !(await readLocation(q, locationId)))
		throw invalid('location', "is not one of the shop's locations");
	return {
		from,
		to,
		pieceType: query.pieceType ?? null,
		locationId,
		timeZone,
		now,
		format: query.format ?? 'json',
		bucket: query.bucket ?? null
	};
}

/** One chart, read for the owner or a manager. */
export async function readChart(
	sql: Sql,
	actor: Actor,
	chart: string,
	input: unknown,
	now = new Date()
): Promise<{ chart: Chart; scope: InsightsScope }> {
	requirePermission(actor, 'insights.read', 'Only the owner and managers see Insights');
	if (!isChart(chart)) throw invalid('chart', `must be one of ${CHARTS.join(', ')}`);
	const scope = await insightsScope(sql, input, now);
	return { chart: await withoutJit(sql, (tx) => READERS[chart].read(tx, scope)), scope };
}

/** The orders behind one bar, day or kind of a chart (`bucket`), at most 500, biggest first. */
export async function readOrdersBehind(
	sql: Sql,
	actor: Actor,
	chart: string,
	input: unknown,
	now = new Date()
): Promise<{ orders: OrderBehind[]; scope: InsightsScope; bucket: string }> {
	requirePermission(actor, 'insights.read', 'Only the owner and managers see Insights');
	if (!isChart(chart)) throw invalid('chart', `must be one of ${CHARTS.join(', ')}`);
	const scope = await insightsScope(sql, input, now);
	const reader = READERS[chart].orders;
	if (scope.bucket === null) throw invalid('bucket', 'is required');
	const bucket = scope.bucket;
	const orders = reader ? await withoutJit(sql, (tx) => reader(tx, scope, bucket)) : null;
	if (orders === null) throw invalid('bucket', `is not a bar of the ${chart} chart`);
	return { orders, scope, bucket: scope.bucket };
}

/**
 * A chart's statements in one read-only transaction without PostgreSQL's JIT: their plans cost
 * enough (hundreds of thousands of visits) to be compiled, and compiling them took longer than
 * running them (setting it is harmless where there is no JIT, as on PGlite). Their sorts and
 * groupings get memory enough to stay off the disk (a year of visits is tens of megabytes).
 */
function withoutJit<T>(sql: Sql, work: (tx: Tx) => Promise<T>): Promise<T> {
	return readOnly(sql, async (tx) => {
		await tx`set local jit = off`;
		await tx`set local work_mem = '64MB'`;
		return work(tx);
	});
}

function shiftDays(isoDate: string, days: number): string {
	return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000)
		.toISOString()
		.slice(0, 10);
}

function dayDiff(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

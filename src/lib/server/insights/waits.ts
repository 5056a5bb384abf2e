import type { InsightsScope, OrderBehind, WaitsChart } from '../../insights/charts';
import { periodEnd, periodStart, orderFilter, tenths, visitFilter, type Q } from './scope';

/** Kinds of blocker shown one by one; the rest are added up as one. */
export const BLOCKER_KINDS_SHOWN = 8;
export const OTHER_KINDS = 'Other kinds';

/**
 * Where orders waited in the period: business days blocked per kind of blocker (blockers in the
 * same words, whatever the case, are one kind) and at each vendor (sent to received, or today for
 * a job still out). A blocker or job counts when it was open at any time in the period.
 */
export async function waits(q: Q, scope: InsightsScope): Promise<WaitsChart> {
	const tz = scope.timeZone;
	// Each span's ends as local days (local_days, migrations/0021_visit_days.sql), worked out once
	// per row (`offset 0` keeps the subquery whole), then placed on the shop's clock.
	const [blockers, vendors] = await Promise.all([
		q<{ kind: string; count: number; open: number; totalDays: number; median: number | null }[]>`
			with local as (
				select lower(trim(b.description)) collate "C" as kind_key, b.description,
					b.resolved_at is null as open, local_days(b.since, ${tz}) as started,
					local_days(coalesce(b.resolved_at, ${scope.now}), ${tz}) as ended
				from blockers b
				where b.since < ${periodEnd(q, scope)}
					and coalesce(b.resolved_at, ${scope.now}) >= ${periodStart(q, scope)}
					${visitFilter(q, scope, 'b.order_id')}
				offset 0
			),
			spans as (
				select kind_key, description, open, shop_clock(ended) - shop_clock(started) as days
				from local
			)
			select min(description) as kind, count(*)::int as count, count(*) filter (where open)::int as open,
				sum(days)::float8 as total_days,
				percentile_cont(0.5) within group (order by days) as median
			from spans group by kind_key
			order by total_days desc, kind`,
		// A job's dates are whole local days: sent on a day is its midnight's place on the clock, and
		// it was out in the period when sent by its last day and received on its first or later.
		q<WaitsChart['vendors']>`
			with local as (
				select j.vendor_id, j.received_on is null as open,
					(j.sent_on - date '2000-01-03')::float8 as started,
					coalesce((j.received_on - date '2000-01-03')::float8, local_days(${scope.now}, ${tz})) as ended
				from vendor_jobs j
				where j.sent_on is not null and j.sent_on <= ${scope.to}::date
					and (j.received_on >= ${scope.from}::date
						or (j.received_on is null and ${scope.now} >= ${periodStart(q, scope)}))
					${visitFilter(q, scope, 'j.order_id')}
				offset 0
			),
			spans as (
				select vendor_id, open, shop_clock(ended) - shop_clock(started) as days from local
			)
			select s.vendor_id, v.name as vendor, count(*)::int as count,
				count(*) filter (where s.open)::int as open, sum(s.days)::float8 as total_days,
				percentile_cont(0.5) within group (order by s.days) as median
			from spans s join vendors v on v.id = s.vendor_id
			group by s.vendor_id, v.name
			order by total_days desc, v.name`
	]);
	const shown = blockers.slice(0, BLOCKER_KINDS_SHOWN);
	const rest = blockers.slice(BLOCKER_KINDS_SHOWN);
	if (rest.length)
		shown.push({
			kind: OTHER_KINDS,
			count: rest.reduce((sum, row) => sum + row.count, 0),
			open: rest.reduce((sum, row) => sum + row.open, 0),
			totalDays: rest.reduce((sum, row) => sum + row.totalDays, 0),
			median: null
		});
	return {
		chart: 'waits',
		blockers: shown.map((row) => ({
			...row,
			totalDays: tenths(row.totalDays) ?? 0,
			median: tenths(row.median)
		})),
		vendors: vendors.map((row) => ({
			...row,
			totalDays: tenths(row.totalDays) ?? 0,
			median: tenths(row.median)
		}))
	};
}

/** The orders behind a kind of blocker (`blocker:<its words>`) or a vendor (`vendor:<id>`). */
export async function waitsOrders(
	q: Q,
	scope: InsightsScope,
	bucket: string
): Promise<OrderBehind[] | null> {
	const tz = scope.timeZone;
	const [kind, ...rest] = bucket.split(':');
	const key = rest.join(':');
	if (kind === 'blocker' && key) {
		return q<OrderBehind[]>`
			select o.id, o.number, o.title, o.piece_type, o.stage, o.due_date::text as due_date,
				round(sum(business_days(b.since, coalesce(b.resolved_at, ${scope.now}), ${tz}))::numeric, 1)::float8 as days
			from blockers b
			join orders o on o.id = b.order_id
			where lower(trim(b.description)) = lower(trim(${key}))
				and b.since < ${periodEnd(q, scope)}
				and coalesce(b.resolved_at, ${scope.now}) >= ${periodStart(q, scope)}
				${orderFilter(q, scope)}
			group by o.id
			order by days desc, o.id
			limit 500`;
	}
	if (kind === 'vendor' && /^\d{1,9}$/.test(key)) {
		return q<OrderBehind[]>`
			select o.id, o.number, o.title, o.piece_type, o.stage, o.due_date::text as due_date,
				round(sum(business_days(j.sent_on::timestamp at time zone ${tz},
					coalesce(j.received_on::timestamp at time zone ${tz}, ${scope.now}), ${tz}))::numeric, 1)::float8 as days
			from vendor_jobs j
			join orders o on o.id = j.order_id
			where j.vendor_id = ${Number(key)} and j.sent_on is not null
				and j.sent_on::timestamp at time zone ${tz} < ${periodEnd(q, scope)}
				and coalesce(j.received_on::timestamp at time zone ${tz}, ${scope.now}) >= ${periodStart(q, scope)}
				${orderFilter(q, scope)}
			group by o.id
			order by days desc, o.id
			limit 500`;
	}
	return null;
}

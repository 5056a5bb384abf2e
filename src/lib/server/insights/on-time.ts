import type { InsightsScope, OnTimeChart, OrderBehind } from '../../insights/charts';
import { finishedOrders, periodEnd, periodStart, orderFilter, type Q } from './scope';

/**
 * Of the orders with a due date that finished (first reached Ready) each month, how many did so
 * on or before their due date, read in the shop's time zone.
 */
export async function onTime(q: Q, scope: InsightsScope): Promise<OnTimeChart> {
	const rows = await q<{ month: string; finished: number; onTime: number }[]>`
		with finished as (${finishedOrders(q)}),
		counted as (
			select to_char(f.finished_at at time zone ${scope.timeZone}, 'YYYY-MM') as month,
				count(*)::int as finished,
				count(*) filter (
					where (f.finished_at at time zone ${scope.timeZone})::date <= o.due_date
				)::int as on_time
			from finished f
			join orders o on o.id = f.order_id
			where o.due_date is not null
				and f.finished_at >= ${periodStart(q, scope)} and f.finished_at < ${periodEnd(q, scope)}
				${orderFilter(q, scope)}
			group by 1
		)
		select to_char(m.month, 'YYYY-MM') as month,
			coalesce(c.finished, 0)::int as finished, coalesce(c.on_time, 0)::int as on_time
		from generate_series(
			date_trunc('month', ${scope.from}::date::timestamp),
			date_trunc('month', ${scope.to}::date::timestamp),
			interval '1 month'
		) as m(month)
		left join counted c on c.month = to_char(m.month, 'YYYY-MM')
		order by m.month`;
	return {
		chart: 'on-time',
		months: rows.map((row) => ({
			...row,
			rate: row.finished === 0 ? null : Math.round((row.onTime / row.finished) * 1000) / 1000
		}))
	};
}

/** The orders with a due date finished in a month (`bucket` YYYY-MM), late ones first. */
export async function onTimeOrders(
	q: Q,
	scope: InsightsScope,
	bucket: string
): Promise<OrderBehind[] | null> {
	if (!/^\d{4}-\d{2}$/.test(bucket)) return null;
	// days: how many days late (negative: early).
	return q<OrderBehind[]>`
		with finished as (${finishedOrders(q)})
		select o.id, o.number, o.title, o.piece_type, o.stage, o.due_date::text as due_date,
			((f.finished_at at time zone ${scope.timeZone})::date - o.due_date)::float8 as days
		from finished f
		join orders o on o.id = f.order_id
		where o.due_date is not null
			and f.finished_at >= greatest(${periodStart(q, scope)},
				(${bucket + '-01'}::date)::timestamp at time zone ${scope.timeZone})
			and f.finished_at < least(${periodEnd(q, scope)},
				((${bucket + '-01'}::date + interval '1 month')::date)::timestamp at time zone ${scope.timeZone})
			${orderFilter(q, scope)}
		order by days desc, o.id
		limit 500`;
}

import type { InsightsScope, OrderBehind, ThroughputChart } from '../../insights/charts';
import { finishedOrders, finishFilter, periodEnd, periodStart, orderFilter, type Q } from './scope';

/** Pieces finished (first reached Ready) per week of the period, Monday to Sunday, empty weeks too. */
export async function throughput(q: Q, scope: InsightsScope): Promise<ThroughputChart> {
	const weeks = await q<{ week: string; finished: number }[]>`
		with finished as (${finishedOrders(q)}),
		counted as (
			select date_trunc('week', f.finished_at at time zone ${scope.timeZone})::date as week,
				count(*)::int as finished
			from finished f
			where f.finished_at >= ${periodStart(q, scope)} and f.finished_at < ${periodEnd(q, scope)}
				${finishFilter(q, scope)}
			group by 1
		)
		select to_char(w.week, 'YYYY-MM-DD') as week, coalesce(c.finished, 0)::int as finished
		from generate_series(
			date_trunc('week', ${scope.from}::date::timestamp),
			date_trunc('week', ${scope.to}::date::timestamp),
			interval '1 week'
		) as w(week)
		left join counted c on c.week = w.week::date
		order by w.week`;
	return { chart: 'throughput', weeks };
}

/** The pieces finished in the week starting `bucket` (a Monday, YYYY-MM-DD). */
export async function throughputOrders(
	q: Q,
	scope: InsightsScope,
	bucket: string
): Promise<OrderBehind[] | null> {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(bucket)) return null;
	return q<OrderBehind[]>`
		with finished as (${finishedOrders(q)})
		select o.id, o.number, o.title, o.piece_type, o.stage, o.due_date::text as due_date,
			round(f.days::numeric, 1)::float8 as days
		from finished f
		join orders o on o.id = f.order_id
		where f.finished_at >= greatest(${periodStart(q, scope)},
				(${bucket}::date)::timestamp at time zone ${scope.timeZone})
			and f.finished_at < least(${periodEnd(q, scope)},
				(${bucket}::date + 7)::timestamp at time zone ${scope.timeZone})
			${orderFilter(q, scope)}
		order by f.finished_at, o.id
		limit 500`;
}

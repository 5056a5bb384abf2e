import { BOARD_STAGES, type BoardStage } from '../../stages';
import type { FlowChart, InsightsScope, OrderBehind } from '../../insights/charts';
import { orderFilter, visitFilter, type Q } from './scope';

/**
 * How many orders were in each stage at the end of each day of the period: each visit adds one on
 * the day it began and takes one off on the day it ended (its local dates, stored with it), and
 * the running sum is the stage's level.
 */
export async function flow(q: Q, scope: InsightsScope): Promise<FlowChart> {
	const changes = await q<{ stage: BoardStage; day: string; level: number }[]>`
		with moves as (
			select v.stage, v.entered_on as day, count(*) as change
			from stage_visits v
			where v.stage in ${q(BOARD_STAGES)} and v.entered_on <= ${scope.to}::date
				${visitFilter(q, scope)}
			group by v.stage, v.entered_on
			union all
			select v.stage, v.left_on, -count(*)
			from stage_visits v
			where v.left_on is not null and v.stage in ${q(BOARD_STAGES)} and v.left_on <= ${scope.to}::date
				${visitFilter(q, scope)}
			group by v.stage, v.left_on
		),
		daily as (
			select stage, day, sum(change) as change from moves group by stage, day
		)
		select stage, to_char(day, 'YYYY-MM-DD') as day,
			(sum(change) over (partition by stage order by day))::int as level
		from daily
		order by day`;
	const levels = Object.fromEntries(BOARD_STAGES.map((stage) => [stage, 0])) as Record<
		BoardStage,
		number
	>;
	const days: FlowChart['days'] = [];
	let next = 0;
	for (const day of eachDay(scope.from, scope.to)) {
		while (next < changes.length && changes[next].day <= day) {
			levels[changes[next].stage] = changes[next].level;
			next++;
		}
		days.push({ day, counts: { ...levels } });
	}
	return { chart: 'flow', days };
}

/** Every date from `from` to `to`, inclusive (YYYY-MM-DD). */
export function eachDay(from: string, to: string): string[] {
	const days: string[] = [];
	for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
		days.push(new Date(t).toISOString().slice(0, 10));
	return days;
}

/** The orders in a stage at the end of a day: `bucket` is `<YYYY-MM-DD>:<stage>`. */
export async function flowOrders(
	q: Q,
	scope: InsightsScope,
	bucket: string
): Promise<OrderBehind[] | null> {
	const [day, stage] = bucket.split(':');
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !(BOARD_STAGES as readonly string[]).includes(stage))
		return null;
	return q<OrderBehind[]>`
		with day_end as (select ((${day}::date + 1)::timestamp at time zone ${scope.timeZone}) as at)
		select o.id, o.number, o.title, o.piece_type, o.stage, o.due_date::text as due_date,
			round(business_days(v.entered_at, (select at from day_end), ${scope.timeZone})::numeric, 1)::float8 as days
		from stage_visits v
		join orders o on o.id = v.order_id
		where v.stage = ${stage} and v.entered_at < (select at from day_end)
			and (v.left_at is null or v.left_at >= (select at from day_end))
			${orderFilter(q, scope)}
		order by days desc, o.id
		limit 500`;
}

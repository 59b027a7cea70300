/**
 * The home page's numbers: the last complete week (Monday to Sunday, UTC) against the week before, and
 * weekly program totals for the trailing weeks. Reads the published program mart only.
 */
import type { Database } from '../db/database.ts';
import { additiveSelect, derivedSelect } from '../../metrics/metric-dictionary.ts';
import { addDays, lastCompleteWeek, type DateRange } from './date-range.ts';
import { dataThrough } from './data-through.ts';

export type MetricValues = Record<string, number | null>;

export interface WeeklyOverview {
	readonly dataThrough: string | null;
	readonly lastWeek: (DateRange & { readonly metrics: MetricValues }) | null;
	readonly previousWeek: (DateRange & { readonly metrics: MetricValues }) | null;
	readonly weekly: readonly ({ readonly week_start: string } & MetricValues)[];
}

export async function weeklyOverview(db: Database, weeks: number): Promise<WeeklyOverview> {
	const through = await dataThrough(db);
	if (!through) return { dataThrough: null, lastWeek: null, previousWeek: null, weekly: [] };
	const last = lastCompleteWeek(through);
	const previous = { from: addDays(last.from, -7), to: addDays(last.to, -7) };
	const firstWeek = addDays(last.from, -7 * (weeks - 1));
	const weekly = await db.query(
		`with days as (
			select date_trunc('week', d.day)::date as week_start, p.*
			from (select unnest(generate_series($first::date::timestamp, $last::date::timestamp, interval 1 day))::date as day) as d
			left join main.fct_program_daily as p on p.date = d.day
		),
		agg as (select week_start, ${additiveSelect()} from days group by week_start)
		select week_start::varchar as week_start, clicks, conversions, revenue, commission, network_fees, other_costs, ${derivedSelect()}
		from agg order by week_start`,
		{ first: firstWeek, last: last.to }
	);
	const pick = (range: DateRange) => {
		const row = weekly.find((w) => w.week_start === range.from);
		if (!row) return null;
		const { week_start: _, ...metrics } = row;
		return { ...range, metrics: metrics as MetricValues };
	};
	return { dataThrough: through, lastWeek: pick(last), previousWeek: pick(previous), weekly: weekly as WeeklyOverview['weekly'] };
}

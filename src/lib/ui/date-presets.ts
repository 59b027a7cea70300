/**
 * The date presets every page's filter bar offers (pure): each turns the data's last day into a range of
 * whole UTC days. Weeks start on Monday (PARTNERSCOPE_WEEK_START's default). Used by FilterBar.
 */
import { shiftDays, weekOf } from './week-of';

export const DATE_PRESETS = ['last_week', 'last_4_weeks', 'last_28_days', 'month_to_date', 'quarter_to_date', 'last_13_weeks', 'year_to_date'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

export const PRESET_LABELS: Record<DatePreset, string> = {
	last_week: 'Last complete week',
	last_4_weeks: 'Last 4 complete weeks',
	last_28_days: 'Last 28 days',
	month_to_date: 'Month to date',
	quarter_to_date: 'Quarter to date',
	last_13_weeks: 'Last 13 complete weeks',
	year_to_date: 'Year to date'
};

/** The range of a preset, given the data's last day and the first weekday of a week (0 = Sunday). */
export function presetRange(preset: DatePreset, through: string, weekStart = 1): { from: string; to: string } {
	// The last complete week ends on the day before the week containing `through` starts, unless `through` ends a week.
	const weekEnd = shiftDays(weekOf(shiftDays(through, 1), weekStart), -1);
	const [y, m] = through.split('-').map(Number) as [number, number];
	switch (preset) {
		case 'last_week':
			return { from: shiftDays(weekEnd, -6), to: weekEnd };
		case 'last_4_weeks':
			return { from: shiftDays(weekEnd, -27), to: weekEnd };
		case 'last_13_weeks':
			return { from: shiftDays(weekEnd, -90), to: weekEnd };
		case 'last_28_days':
			return { from: shiftDays(through, -27), to: through };
		case 'month_to_date':
			return { from: `${y}-${String(m).padStart(2, '0')}-01`, to: through };
		case 'quarter_to_date':
			return { from: `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`, to: through };
		case 'year_to_date':
			return { from: `${y}-01-01`, to: through };
	}
}

/** The preset a range equals, or null (a custom range). */
export function presetOf(range: { from: string; to: string }, through: string, weekStart = 1): DatePreset | null {
	return DATE_PRESETS.find((p) => {
		const r = presetRange(p, through, weekStart);
		return r.from === range.from && r.to === range.to;
	}) ?? null;
}

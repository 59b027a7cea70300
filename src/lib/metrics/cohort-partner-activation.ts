/**
 * Partner cohorts by join month (pure): how many partners joined, the share that sold within 30, 60 and 90
 * days of joining, and the median days to the first sale. Called by the cohort report; definitions in
 * cohort-definitions.ts.
 */

export interface CohortPartner {
	readonly partner_id: string;
	/** First day of the join month, YYYY-MM-DD. */
	readonly join_month: string;
	readonly joined_at: string;
	/** UTC day of the first sale not reversed - joined_at; null when the partner has not sold. */
	readonly days_to_first_sale: number | null;
}

export const ACTIVATION_WINDOWS = [30, 60, 90] as const;

export interface PartnerCohortActivation {
	readonly join_month: string;
	readonly partners: number;
	readonly partners_with_sale: number;
	readonly eligible_30: number;
	readonly activated_30: number;
	readonly activation_30: number | null;
	readonly eligible_60: number;
	readonly activated_60: number;
	readonly activation_60: number | null;
	readonly eligible_90: number;
	readonly activated_90: number;
	readonly activation_90: number | null;
	readonly median_days_to_first_sale: number | null;
}

const DAY = 86_400_000;
const daysFrom = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** The median of a list of numbers (mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One row per join month, oldest first. A partner counts towards the N-day activation only once N days have
 * passed since it joined by `through` (the data's last day), so young cohorts are not penalised.
 *
 * @example partnerCohortActivation([{ partner_id: 'a', join_month: '2026-01-01', joined_at: '2026-01-10', days_to_first_sale: 12 }], '2026-06-30')
 * // [{ join_month: '2026-01-01', partners: 1, activation_30: 1, median_days_to_first_sale: 12, ... }]
 * Complexity: O(n log n).
 */
export function partnerCohortActivation(partners: readonly CohortPartner[], through: string): PartnerCohortActivation[] {
	const byMonth = new Map<string, CohortPartner[]>();
	for (const p of partners) byMonth.set(p.join_month, [...(byMonth.get(p.join_month) ?? []), p]);
	return [...byMonth.entries()]
		.sort((a, b) => (a[0] < b[0] ? -1 : 1))
		.map(([join_month, members]) => {
			const window = (days: number) => {
				const eligible = members.filter((p) => daysFrom(p.joined_at, through) >= days);
				const activated = eligible.filter((p) => p.days_to_first_sale !== null && p.days_to_first_sale <= days).length;
				return { eligible: eligible.length, activated, rate: eligible.length ? activated / eligible.length : null };
			};
			const [w30, w60, w90] = ACTIVATION_WINDOWS.map(window) as [ReturnType<typeof window>, ReturnType<typeof window>, ReturnType<typeof window>];
			const days = members.map((p) => p.days_to_first_sale).filter((d): d is number => d !== null);
			return {
				join_month,
				partners: members.length,
				partners_with_sale: days.length,
				eligible_30: w30.eligible,
				activated_30: w30.activated,
				activation_30: w30.rate,
				eligible_60: w60.eligible,
				activated_60: w60.activated,
				activation_60: w60.rate,
				eligible_90: w90.eligible,
				activated_90: w90.activated,
				activation_90: w90.rate,
				median_days_to_first_sale: median(days)
			};
		});
}

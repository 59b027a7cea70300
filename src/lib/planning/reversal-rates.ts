/**
 * Reversal rates by channel from matured sales (converted long enough ago that nearly all are decided),
 * by count and by value, with the program's rate standing in for channels with too few decided sales.
 * Called by the forecast inputs (maturity projection) and the budget report (sensitivity, liability).
 */
import { computeDerived } from '../metrics/metric-dictionary.ts';

/** Decided sales of one channel: the dictionary's aggregates over the matured conversion window. */
export interface DecidedSales {
	readonly channel: string;
	readonly validated_conversions: number;
	readonly reversed_conversions: number;
	readonly approved_revenue: number;
	readonly reversed_revenue: number;
}

export interface ReversalRate {
	readonly channel: string;
	/** Decided (approved, paid or reversed) sales and the reversed ones, by count. */
	readonly decided: number;
	readonly reversed: number;
	/** The dictionary's reversal_rate: reversed / decided sales. */
	readonly countRate: number | null;
	/** The dictionary's reversal_rate_value: reversed / (approved + reversed) revenue. */
	readonly valueRate: number | null;
	/** The value rate the projections use: the channel's own, or the program's when it has too few decided sales. */
	readonly applied: number;
	readonly source: 'channel' | 'program' | 'none';
}

export interface ReversalRates {
	readonly program: ReversalRate;
	readonly channels: readonly ReversalRate[];
}

const rates = (m: DecidedSales) => {
	const { validated_conversions, reversed_conversions, approved_revenue, reversed_revenue } = m;
	const d = computeDerived({ validated_conversions, reversed_conversions, approved_revenue, reversed_revenue }, { grossMargin: 1 });
	return { countRate: d.reversal_rate ?? null, valueRate: d.reversal_rate_value ?? null };
};

/**
 * Per channel, the count and value reversal rates of its decided sales; `applied` is the value rate when the
 * channel has at least `minDecided` decided sales, else the program's value rate (all channels together),
 * else 0 (no decided sales at all: source 'none').
 *
 * Complexity: O(channels).
 *
 * @example
 * reversalRates([{ channel: 'cashback', validated_conversions: 500, reversed_conversions: 70, approved_revenue: 38_000, reversed_revenue: 6_000 }]);
 * // => { program: { valueRate: 0.136, ... }, channels: [{ channel: 'cashback', countRate: 0.14, valueRate: 0.136, applied: 0.136, source: 'channel' }] }
 */
export function reversalRates(rows: readonly DecidedSales[], options: { minDecided?: number } = {}): ReversalRates {
	const minDecided = options.minDecided ?? 30;
	const keys = ['validated_conversions', 'reversed_conversions', 'approved_revenue', 'reversed_revenue'] as const;
	const totals = Object.fromEntries(keys.map((k) => [k, rows.reduce((s, r) => s + (r[k] ?? 0), 0)])) as Record<(typeof keys)[number], number>;
	const programRates = rates({ channel: 'program', ...totals });
	const program: ReversalRate = {
		channel: 'all channels',
		decided: totals.validated_conversions,
		reversed: totals.reversed_conversions,
		...programRates,
		applied: programRates.valueRate ?? 0,
		source: programRates.valueRate === null ? 'none' : 'channel'
	};
	const channels = rows.map((r): ReversalRate => {
		const own = rates(r);
		const enough = r.validated_conversions >= minDecided && own.valueRate !== null;
		return {
			channel: r.channel,
			decided: r.validated_conversions,
			reversed: r.reversed_conversions,
			...own,
			applied: enough ? own.valueRate! : program.applied,
			source: enough ? 'channel' : program.source === 'none' ? 'none' : 'program'
		};
	});
	return { program, channels };
}

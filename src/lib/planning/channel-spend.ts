/**
 * One channel's weekly spend evaluated on its response curve: the revenue it brings, its marginal ROAS and
 * whether a bound holds it. The row every budget scenario is made of (allocate-budget, spend-to-floor,
 * budget-scenarios).
 */
import { curveRevenue, marginalRoas, type ResponseCurve } from './response-curve.ts';

/** A channel the budget may move, with its weekly cost bounds. */
export interface BudgetChannel {
	readonly channel: string;
	readonly curve: ResponseCurve;
	/** Lowest and highest weekly cost allowed (multiples of recent spend). */
	readonly min: number;
	readonly max: number;
}

export interface ChannelSpend {
	readonly channel: string;
	/** Weekly cost. */
	readonly cost: number;
	/** Weekly revenue on the curve at that cost. */
	readonly revenue: number;
	/** Revenue / cost (null at cost 0). */
	readonly roas: number | null;
	/** dRevenue / dCost at that cost (null at cost 0 on a power curve, where it is unbounded). */
	readonly marginalRoas: number | null;
	/** 'min' or 'max' when the cost sits on that bound. */
	readonly atBound: 'min' | 'max' | null;
}

const TOLERANCE = 1e-9;

/**
 * Evaluates a weekly cost on the channel's curve.
 *
 * Complexity: O(1).
 *
 * @example
 * channelSpend({ channel: 'email', curve: { kind: 'power', a: 10, b: 0.5 }, min: 50, max: 400 }, 400);
 * // => { channel: 'email', cost: 400, revenue: 200, roas: 0.5, marginalRoas: 0.25, atBound: 'max' }
 */
export function channelSpend(channel: BudgetChannel, cost: number): ChannelSpend {
	const revenue = curveRevenue(channel.curve, cost);
	const marginal = marginalRoas(channel.curve, cost);
	const atBound = cost <= channel.min * (1 + TOLERANCE) ? 'min' : cost >= channel.max * (1 - TOLERANCE) ? 'max' : null;
	return {
		channel: channel.channel,
		cost,
		revenue,
		roas: cost > 0 ? revenue / cost : null,
		marginalRoas: Number.isFinite(marginal) ? marginal : null,
		atBound
	};
}

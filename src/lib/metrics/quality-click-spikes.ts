/**
 * Click spikes without conversions (pure): each day of a partner's daily series tested against the partner's
 * own trailing baseline. Called by the quality report (server) with the series from fct_quality_daily; the
 * per-day assessment also feeds the Quality page's chart, so the line drawn is the rule applied.
 */
import { formatCount, formatPercent } from '../format.ts';
import type { PartnerRef, QualityFinding } from './quality-finding.ts';
import { QUALITY_THRESHOLDS, severityOf, type QualityThresholds } from './quality-thresholds.ts';

export interface DayCounts {
	/** UTC day, YYYY-MM-DD. */
	readonly date: string;
	readonly valid_clicks: number;
	readonly conversions: number;
}

export interface DayAssessment extends DayCounts {
	/** Median valid clicks of the baseline days; null without enough baseline. */
	readonly baseline_median: number | null;
	/** Median absolute deviation (unscaled) of the baseline days. */
	readonly baseline_mad: number | null;
	/** Baseline conversions / baseline valid clicks (0 when the baseline has clicks but no sale). */
	readonly baseline_rate: number | null;
	/** Days of the baseline with valid clicks. */
	readonly baseline_active_days: number;
	/** The valid clicks a spike day must reach: max(median + spikeMads·MAD, spikeMedianMultiple·median, spikeMinClicks). */
	readonly spike_threshold: number | null;
	/** Conversions the baseline rate predicts for the day's clicks. */
	readonly predicted_conversions: number | null;
	readonly is_spike: boolean;
}

const DAY_MS = 86_400_000;

/** Median of a sorted typed array (n ≥ 1). */
function sortedMedian(xs: Float64Array): number {
	const n = xs.length;
	return n % 2 ? xs[(n - 1) / 2]! : (xs[n / 2 - 1]! + xs[n / 2]!) / 2;
}
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** Days since 1970-01-01 -> YYYY-MM-DD by civil-calendar arithmetic (H. Hinnant), many times faster than Date. */
function isoOf(days: number): string {
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const doe = z - era * 146_097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	return `${yoe + era * 400 + (m <= 2 ? 1 : 0)}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Assesses every day of [from, to] (dense: days missing from `series` count as 0 clicks and 0 conversions).
 * The baseline of day d is the `spikeBaselineDays` days before d, so `series` should start that many days
 * before `from`; earlier days it does not hold count as zero, i.e. as no baseline.
 *
 * A day is a spike when valid clicks > median + spikeMads·MAD, ≥ spikeMedianMultiple·median and
 * ≥ spikeMinClicks, the baseline had clicks on ≥ spikeMinBaselineDays days, and conversions ≤
 * spikeMaxConversionShare × baseline rate × the day's clicks.
 *
 * @example assessClickSpikes(series, { from: '2026-06-01', to: '2026-06-30' }).filter((d) => d.is_spike)
 * Complexity: O(days × baselineDays · log baselineDays); the window buffers are reused across days.
 */
export function assessClickSpikes(series: readonly DayCounts[], range: { readonly from: string; readonly to: string }, t: QualityThresholds = QUALITY_THRESHOLDS): DayAssessment[] {
	const first = dayNumber(range.from);
	const last = dayNumber(range.to);
	if (last < first) return [];
	const window = t.spikeBaselineDays;
	const start = first - window;
	const clicks = new Float64Array(last - start + 1);
	const conversions = new Float64Array(last - start + 1);
	for (const d of series) {
		const i = dayNumber(d.date) - start;
		if (i < 0 || i >= clicks.length) continue;
		clicks[i] += d.valid_clicks;
		conversions[i] += d.conversions;
	}
	const out: DayAssessment[] = [];
	// Reused buffers: a day costs two sorts of `window` numbers, no allocation (two years of days in milliseconds).
	const base = new Float64Array(window);
	const deviations = new Float64Array(window);
	for (let i = window; i < clicks.length; i++) {
		let baseClicks = 0;
		let baseConversions = 0;
		let activeDays = 0;
		for (let j = 0; j < window; j++) {
			const x = clicks[i - window + j]!;
			base[j] = x;
			baseClicks += x;
			baseConversions += conversions[i - window + j]!;
			if (x > 0) activeDays++;
		}
		const date = isoOf(start + i);
		const dayClicks = clicks[i]!;
		const dayConversions = conversions[i]!;
		if (activeDays < t.spikeMinBaselineDays) {
			out.push({ date, valid_clicks: dayClicks, conversions: dayConversions, baseline_median: null, baseline_mad: null, baseline_rate: null, baseline_active_days: activeDays, spike_threshold: null, predicted_conversions: null, is_spike: false });
			continue;
		}
		base.sort();
		const m = sortedMedian(base);
		for (let j = 0; j < window; j++) deviations[j] = Math.abs(base[j]! - m);
		deviations.sort();
		const mad = sortedMedian(deviations);
		const rate = baseConversions / baseClicks;
		const threshold = Math.max(m + t.spikeMads * mad, t.spikeMedianMultiple * m, t.spikeMinClicks);
		const predicted = rate * dayClicks;
		const isSpike =
			dayClicks > m + t.spikeMads * mad && dayClicks >= t.spikeMedianMultiple * m && dayClicks >= t.spikeMinClicks && dayConversions <= t.spikeMaxConversionShare * predicted;
		out.push({ date, valid_clicks: dayClicks, conversions: dayConversions, baseline_median: m, baseline_mad: mad, baseline_rate: rate, baseline_active_days: activeDays, spike_threshold: threshold, predicted_conversions: predicted, is_spike: isSpike });
	}
	return out;
}

/** The spike days of one partner as findings, each explaining itself. */
export function clickSpikeFindings(partner: PartnerRef, days: readonly DayAssessment[], t: QualityThresholds = QUALITY_THRESHOLDS): QualityFinding[] {
	return days
		.filter((d) => d.is_spike)
		.map((d) => {
			const threshold = d.spike_threshold!;
			const times = d.baseline_median! > 0 ? ` (${(d.valid_clicks / d.baseline_median!).toFixed(1)}× its median)` : '';
			return {
				...partner,
				signal: 'click_spike' as const,
				severity: severityOf(d.valid_clicks, threshold, t),
				date: d.date,
				value: d.valid_clicks,
				threshold,
				count: d.valid_clicks,
				detail:
					`On ${d.date}: ${formatCount(d.valid_clicks)} valid clicks${times} against a ${t.spikeBaselineDays}-day median of ${formatCount(d.baseline_median)} ` +
					`(spike from ${formatCount(Math.ceil(threshold))}), with ${formatCount(d.conversions)} conversion${d.conversions === 1 ? '' : 's'} where its ` +
					`${formatPercent(d.baseline_rate, 2)} baseline conversion rate predicts ${d.predicted_conversions!.toFixed(1)}.`
			};
		});
}

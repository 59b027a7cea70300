/**
 * The signals measured over a whole range per partner (pure): fast conversions, invalid-click share,
 * reversal-rate outliers and click-less coupon sales. Called by the quality report with every partner's
 * totals, so the program share and the reversal baseline do not move when the page filters partners.
 *
 * Complexity: O(partners · log partners).
 */
import { formatCount, formatPercent } from '../format.ts';
import type { PartnerRef, QualityFinding } from './quality-finding.ts';
import { robustScale, robustZ, type RobustScale } from './quality-robust-z.ts';
import { QUALITY_THRESHOLDS, severityOf, type QualityThresholds } from './quality-thresholds.ts';

export interface PartnerTotals extends PartnerRef {
	readonly gross_clicks: number;
	readonly valid_clicks: number;
	readonly invalid_clicks: number;
	/** Sales in every status. */
	readonly sales: number;
	readonly fast_sales: number;
	readonly clickless_coupon_sales: number;
	readonly validated_sales: number;
	readonly reversed_sales: number;
}

/** A partner's quality measures (null where the denominator is 0) and the signals it raises. */
export interface PartnerMeasures extends PartnerTotals {
	readonly fast_share: number | null;
	readonly invalid_share: number | null;
	readonly reversal_rate: number | null;
	/** Robust z-score of the reversal rate; null when the partner is not in the baseline population. */
	readonly reversal_z: number | null;
	readonly clickless_coupon_share: number | null;
	readonly signals: readonly string[];
}

export interface QualityBaseline {
	readonly program_invalid_share: number | null;
	/** Reversal-rate population: partners with enough validated sales. */
	readonly reversal_peers: number;
	readonly reversal_median: number | null;
	readonly reversal_mad: number | null;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const salesWord = (n: number) => `${formatCount(n)} sale${n === 1 ? '' : 's'}`;

/**
 * Measures every partner of `all` and returns the findings of those `inScope` accepts (all by default).
 * The program invalid share and the reversal baseline are taken over `all`.
 */
export function detectPartnerSignals(
	all: readonly PartnerTotals[],
	options: { readonly inScope?: (p: PartnerTotals) => boolean; readonly thresholds?: QualityThresholds } = {}
): { measures: PartnerMeasures[]; findings: QualityFinding[]; baseline: QualityBaseline } {
	const t = options.thresholds ?? QUALITY_THRESHOLDS;
	const inScope = options.inScope ?? (() => true);
	const gross = all.reduce((s, p) => s + p.gross_clicks, 0);
	const programInvalid = share(
		all.reduce((s, p) => s + p.invalid_clicks, 0),
		gross
	);
	const peers = all.filter((p) => p.validated_sales >= t.reversalMinValidated);
	const scale: RobustScale | null = peers.length >= t.reversalMinPeers ? robustScale(peers.map((p) => p.reversed_sales / p.validated_sales)) : null;

	const measures: PartnerMeasures[] = [];
	const findings: QualityFinding[] = [];
	for (const p of all) {
		if (!inScope(p)) continue;
		const ref = { partner_id: p.partner_id, partner_name: p.partner_name, channel: p.channel };
		const found: QualityFinding[] = [];
		const fastShare = share(p.fast_sales, p.sales);
		const invalidShare = share(p.invalid_clicks, p.gross_clicks);
		const reversalRate = share(p.reversed_sales, p.validated_sales);
		const couponShare = share(p.clickless_coupon_sales, p.sales);
		const z = scale && reversalRate !== null && p.validated_sales >= t.reversalMinValidated ? robustZ(reversalRate, scale) : null;

		if (fastShare !== null && fastShare >= t.fastMinShare && p.fast_sales >= t.fastMinSales) {
			found.push({
				...ref,
				signal: 'fast_conversions',
				severity: severityOf(fastShare, t.fastMinShare, t),
				date: null,
				value: fastShare,
				threshold: t.fastMinShare,
				count: p.fast_sales,
				detail: `${formatCount(p.fast_sales)} of its ${salesWord(p.sales)} (${formatPercent(fastShare)}) converted less than ${t.fastConversionSeconds} seconds after the click; flagged from ${formatPercent(t.fastMinShare, 0)}.`
			});
		}
		if (invalidShare !== null && programInvalid !== null && p.gross_clicks >= t.invalidMinClicks) {
			const limit = Math.max(t.invalidProgramMultiple * programInvalid, t.invalidMinShare);
			if (invalidShare >= limit) {
				found.push({
					...ref,
					signal: 'invalid_clicks',
					severity: severityOf(invalidShare, limit, t),
					date: null,
					value: invalidShare,
					threshold: limit,
					count: p.invalid_clicks,
					detail: `${formatPercent(invalidShare)} of its ${formatCount(p.gross_clicks)} clicks were invalid (${formatCount(p.invalid_clicks)}), ${programInvalid > 0 ? `${(invalidShare / programInvalid).toFixed(1)}× ` : 'against '}the program's ${formatPercent(programInvalid)}.`
				});
			}
		}
		if (z !== null && reversalRate !== null && z >= t.reversalMinZ) {
			found.push({
				...ref,
				signal: 'reversal_outlier',
				severity: severityOf(z, t.reversalMinZ, t),
				date: null,
				value: z,
				threshold: t.reversalMinZ,
				count: p.reversed_sales,
				detail: `${formatPercent(reversalRate)} of its ${formatCount(p.validated_sales)} validated sales were reversed (${formatCount(p.reversed_sales)}), against a median of ${formatPercent(scale!.median)} over the ${peers.length} partners with ${t.reversalMinValidated}+ validated sales: robust z-score ${z.toFixed(1)}.`
			});
		}
		if (couponShare !== null && p.clickless_coupon_sales >= t.couponMinSales) {
			const outside = p.channel !== t.couponChannel;
			const limit = outside ? t.couponShareOutsideCouponChannel : t.couponShareAnyChannel;
			if (couponShare >= limit) {
				found.push({
					...ref,
					signal: 'clickless_coupons',
					severity: severityOf(couponShare, limit, t),
					date: null,
					value: couponShare,
					threshold: limit,
					count: p.clickless_coupon_sales,
					detail: `${formatCount(p.clickless_coupon_sales)} of its ${salesWord(p.sales)} (${formatPercent(couponShare)}) came by coupon code without a click; ${outside ? `unusual for a ${p.channel} partner (flagged from ${formatPercent(limit, 0)})` : `flagged from ${formatPercent(limit, 0)} even for coupon partners`}.`
				});
			}
		}
		findings.push(...found);
		measures.push({
			...p,
			fast_share: fastShare,
			invalid_share: invalidShare,
			reversal_rate: reversalRate,
			reversal_z: z,
			clickless_coupon_share: couponShare,
			signals: found.map((f) => f.signal)
		});
	}
	return {
		measures,
		findings,
		baseline: { program_invalid_share: programInvalid, reversal_peers: peers.length, reversal_median: scale?.median ?? null, reversal_mad: scale?.mad ?? null }
	};
}

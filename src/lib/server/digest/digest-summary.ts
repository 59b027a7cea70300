/** "What changed and why" in one sentence (pure): the week's revenue change and the effect that explains most of it. */
import type { RevenueChange } from '../../metrics/decompose-revenue-change.ts';
import { EFFECT_LABELS } from '../../charts/revenue-bridge-option.ts';
import { formatDelta, formatMoney, relativeChange } from '../../format.ts';

/**
 * @example
 * digestSummary({ before: 1000, after: 1200, change: 200, effects: { clicks: 260, conversion_rate: -60, order_value: 0, reversals: 0 }, method: 'lmdi' }, 'EUR');
 * // => 'Revenue rose by €200 (+20.0%) to €1,200 against the week before, mostly through clicks (+€260); conversion rate worked against it (−€60).'
 */
export function digestSummary(d: Pick<RevenueChange, 'before' | 'after' | 'change' | 'effects'> | null, currency: string): string {
	if (!d) return 'There is no week before to compare with yet.';
	const money = (v: number) => formatMoney(Math.abs(v), currency, false);
	const signed = (v: number) => `${v >= 0 ? '+' : '−'}${money(v)}`;
	if (d.change === 0) return `Revenue held at ${money(d.after)}, the same as the week before.`;
	const ranked = Object.entries(d.effects).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
	const [mainKey, mainValue] = ranked[0] ?? ['clicks', 0];
	const label = (k: string) => (EFFECT_LABELS[k] ?? k).toLowerCase();
	const direction = d.change > 0 ? 'rose' : 'fell';
	const head = `Revenue ${direction} by ${money(d.change)} (${formatDelta(relativeChange(d.after, d.before))}) to ${money(d.after)} against the week before`;
	const against = ranked.find(([, v]) => Math.sign(v) === -Math.sign(d.change) && Math.abs(v) >= 0.2 * Math.abs(d.change));
	const why = Math.sign(mainValue) === Math.sign(d.change) ? `, mostly through ${label(mainKey)} (${signed(mainValue)})` : `, although ${label(mainKey)} pulled the other way (${signed(mainValue)})`;
	const tail = against && against[0] !== mainKey ? `; ${label(against[0])} worked against it (${signed(against[1])})` : '';
	return `${head}${why}${tail}.`;
}

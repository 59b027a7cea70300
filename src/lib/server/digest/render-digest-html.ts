/**
 * The digest email (pure): subject, HTML for mail clients (tables and inline styles only, no script, no external
 * CSS, every data text escaped) and a plain-text part. Links go back to the dashboard with the week and the
 * scope's filters in the URL. Called by DigestService; the preview command writes the same HTML to a file.
 */
import { escapeHtml } from '../../charts/escape-html.ts';
import { EFFECT_LABELS } from '../../charts/revenue-bridge-option.ts';
import { formatDelta, formatMoney, formatValue, relativeChange, type Unit } from '../../format.ts';
import { metric } from '../../metrics/metric-dictionary.ts';
import type { Filters } from '../reports/params/filters.ts';
import type { DigestContent } from './digest-data.ts';
import { digestSummary } from './digest-summary.ts';

export const DIGEST_TILES = ['revenue', 'cost', 'roas', 'net_contribution', 'clicks', 'conversions', 'conversion_rate', 'aov'] as const;

const ACTION_LABELS: Record<string, string> = {
	gone_quiet: 'Gone quiet',
	conversion_drop: 'Conversion rate drop',
	reversal_spike: 'Reversal spike',
	no_sale_after_60_days: 'No sale after 60 days'
};

export interface RenderedDigest {
	readonly subject: string;
	readonly html: string;
	readonly text: string;
	/** The dashboard links the digest carries, by purpose. */
	readonly links: { readonly review: string; readonly roi: string; readonly quality: string; readonly alerts: string };
}

/** Query string of the week and the scope's filters, so a link opens the same view. */
export function weekParams(content: Pick<DigestContent, 'week' | 'filters'>, extra: Record<string, string> = {}): string {
	const p = new URLSearchParams({ week: content.week.from, from: content.week.from, to: content.week.to, ...extra });
	const f: Filters = content.filters;
	if (f.channel.length) p.set('channel', f.channel.join(','));
	if (f.partner.length) p.set('partner', f.partner.join(','));
	return p.toString();
}

/** A change the reader can judge: relative for amounts and ratios, in percentage points for shares. */
export function tileDelta(unit: Unit, value: number | null, before: number | null): { text: string; change: number | null } {
	if (unit === 'percent') {
		if (value === null || before === null) return { text: 'n/a', change: null };
		const pts = (value - before) * 100;
		return { text: `${pts > 0 ? '+' : pts < 0 ? '−' : '±'}${Math.abs(pts).toFixed(1)} pts`, change: pts };
	}
	const change = relativeChange(value, before);
	return { text: formatDelta(change), change };
}

const C = { ink: '#1d2330', muted: '#5f6b7a', border: '#dde2ea', good: '#12805c', bad: '#c4320a', link: '#2457c5', bg: '#f4f6f9' };
const td = (extra = '') => `style="padding:6px 8px;border-bottom:1px solid ${C.border};font-size:13px;${extra}"`;
const th = (align = 'left') => `style="padding:6px 8px;border-bottom:2px solid ${C.border};font-size:12px;color:${C.muted};text-align:${align};font-weight:600"`;
const h2 = (t: string) => `<h2 style="font-size:16px;margin:24px 0 8px;color:${C.ink}">${escapeHtml(t)}</h2>`;
const link = (href: string, label: string) => `<a href="${escapeHtml(href)}" style="color:${C.link}">${escapeHtml(label)}</a>`;

export function renderDigestHtml(content: DigestContent, o: { publicUrl: string; chartCid: string | null }): RenderedDigest {
	const base = o.publicUrl.replace(/\/+$/, '');
	const cur = content.currency;
	const r = content.review;
	const q = weekParams(content);
	const links = {
		review: `${base}/?${q}`,
		roi: `${base}/roi?${weekParams(content, { from: content.roi?.range.from ?? content.week.from })}`,
		quality: `${base}/quality?${q}`,
		alerts: `${base}/alerts?${q}`
	};
	const partnerLink = (id: string) => `${base}/partners/${encodeURIComponent(id)}?${weekParams(content)}`;
	const title = content.report === 'roi' ? 'ROI report' : 'Weekly review';
	const subject = `Partnerscope ${content.report === 'roi' ? 'ROI report' : 'weekly review'}: week of ${content.week.from}`;
	const summary = digestSummary(r.decomposition, cur);

	// A year-ago week before the data began is no comparison: leave it out rather than show zeros.
	const lastYear = r.sameWeekLastYear;
	const hasLastYear = lastYear !== null && (Number(lastYear.metrics.clicks ?? 0) > 0 || Number(lastYear.metrics.revenue ?? 0) !== 0);
	const tiles = DIGEST_TILES.map((key) => {
		const m = metric(key);
		const unit = m.unit as Unit;
		const value = (r.lastWeek?.metrics[key] ?? null) as number | null;
		const rows = [
			{ label: 'week before', v: (r.previousWeek?.metrics[key] ?? null) as number | null },
			...(hasLastYear ? [{ label: 'a year ago', v: (lastYear.metrics[key] ?? null) as number | null }] : [])
		].map(({ label, v }) => {
			const d = tileDelta(unit, value, v);
			const tone = d.change === null || d.change === 0 ? C.muted : d.change > 0 === m.higherIsBetter ? C.good : C.bad;
			return `<div style="font-size:12px;color:${tone}" data-delta="${escapeHtml(key)}">${escapeHtml(d.text)} <span style="color:${C.muted}">vs ${escapeHtml(formatValue(v, unit, cur))} ${label}</span></div>`;
		});
		return `<td style="width:25%;padding:8px;vertical-align:top;border:1px solid ${C.border};background:#ffffff">
<div style="font-size:11px;color:${C.muted};text-transform:uppercase;letter-spacing:0.04em">${escapeHtml(m.label)}</div>
<div style="font-size:20px;font-weight:600;color:${C.ink};margin:2px 0" data-metric="${escapeHtml(key)}" data-raw="${value ?? ''}">${escapeHtml(formatValue(value, unit, cur))}</div>
${rows.join('\n')}</td>`;
	});
	const tileRows = [tiles.slice(0, 4), tiles.slice(4)].map((row) => `<tr>${row.join('')}</tr>`).join('');

	const moverRows = (list: typeof r.movers.up) =>
		list.map(
			(m) => `<tr><td ${td()}>${link(partnerLink(m.partner_id), m.partner_name)}</td><td ${td()}>${escapeHtml(m.channel)}</td><td ${td('text-align:right')}>${escapeHtml(formatMoney(m.previous_revenue, cur))}</td><td ${td('text-align:right')}>${escapeHtml(formatMoney(m.revenue, cur))}</td><td ${td(`text-align:right;color:${m.change >= 0 ? C.good : C.bad}`)}>${m.change >= 0 ? '+' : '−'}${escapeHtml(formatMoney(Math.abs(m.change), cur))}</td><td ${td()}>${escapeHtml(EFFECT_LABELS[m.main_effect] ?? m.main_effect)}</td></tr>`
		);
	const movers = [...moverRows(r.movers.up), ...moverRows(r.movers.down)];
	const moversTable = movers.length
		? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse"><tr><th ${th()}>Partner</th><th ${th()}>Channel</th><th ${th('right')}>Week before</th><th ${th('right')}>This week</th><th ${th('right')}>Change</th><th ${th()}>Mainly</th></tr>${movers.join('')}</table>`
		: `<p style="font-size:13px;color:${C.muted}">No partner's revenue changed.</p>`;

	const actions = r.actions.slice(0, 10);
	const actionsTable = actions.length
		? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse">${actions
				.map((a) => `<tr><td ${td('width:30%')}>${link(partnerLink(a.partner_id), a.partner_name)}</td><td ${td('width:22%;font-weight:600')}>${escapeHtml(ACTION_LABELS[a.reason] ?? a.reason)}</td><td ${td()}>${escapeHtml(a.detail)}</td></tr>`)
				.join('')}</table>`
		: `<p style="font-size:13px;color:${C.muted}">No partner needs attention this week.</p>`;

	const alertItems = [
		...content.alerts.map((a) => ({ severity: a.severity, text: a.detail, href: `${base}${a.page}` })),
		...r.alerts.map((s) => ({ severity: s.severity, text: `${s.partner_name}: ${s.detail}`, href: `${base}${s.evidence.page}` }))
	].slice(0, 12);
	const alertsList = alertItems.length
		? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse">${alertItems
				.map((a) => `<tr><td ${td(`width:60px;font-weight:600;color:${a.severity === 'high' ? C.bad : '#a15c00'}`)}>${escapeHtml(a.severity)}</td><td ${td()}>${escapeHtml(a.text)} ${link(a.href, 'rows')}</td></tr>`)
				.join('')}</table>`
		: `<p style="font-size:13px;color:${C.muted}">No alerts for this week.</p>`;

	const roi = content.roi;
	const roiSection = roi
		? `${h2(`ROI, ${roi.range.from} to ${roi.range.to}`)}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse"><tr><th ${th()}>Channel</th><th ${th('right')}>Revenue</th><th ${th('right')}>Cost</th><th ${th('right')}>ROAS</th><th ${th('right')}>ROI</th></tr>${roi.channels
				.map((c) => `<tr><td ${td()}>${escapeHtml(c.channel)}</td><td ${td('text-align:right')}>${escapeHtml(formatMoney(Number(c.current.revenue ?? 0), cur))}</td><td ${td('text-align:right')}>${escapeHtml(formatMoney(Number(c.current.cost ?? 0), cur))}</td><td ${td('text-align:right')}>${escapeHtml(formatValue(c.current.roas as number | null, 'ratio', cur))}</td><td ${td('text-align:right')}>${escapeHtml(formatValue(c.current.roi as number | null, 'percent', cur))}</td></tr>`)
				.join('')}</table><p style="font-size:13px">${link(links.roi, 'Open the ROI report')} · the full report is attached as a PDF.</p>`
		: '';

	const chart = o.chartCid && r.decomposition
		? `<img src="cid:${escapeHtml(o.chartCid)}" width="600" height="260" alt="Revenue bridge: ${escapeHtml(summary)}" style="display:block;width:100%;max-width:600px;height:auto;border:0">`
		: '';

	const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:${C.bg};font-family:Arial,Helvetica,sans-serif;color:${C.ink}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${C.bg}"><tr><td align="center" style="padding:16px">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" style="max-width:640px;width:100%;background:#ffffff;border:1px solid ${C.border}"><tr><td style="padding:20px 24px">
<div style="font-size:12px;color:${C.muted}">Partnerscope · ${escapeHtml(title)} for ${escapeHtml(content.user)}</div>
<h1 style="font-size:20px;margin:4px 0 12px">Week of ${escapeHtml(content.week.from)} to ${escapeHtml(content.week.to)}</h1>
<p style="font-size:14px;line-height:1.45;margin:0 0 12px" data-summary>${escapeHtml(summary)}</p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="4" style="border-collapse:separate">${tileRows}</table>
${h2('What changed and why')}${chart}
${h2('Top movers')}${moversTable}
${h2('Partners to act on')}${actionsTable}
${h2('Alerts')}${alertsList}
<p style="font-size:13px">${link(links.alerts, 'All alerts')} · ${link(links.quality, 'Quality & fraud')}</p>
${roiSection}
<p style="font-size:13px;margin-top:20px">${link(links.review, 'Open this week in Partnerscope')}</p>
<p style="font-size:11px;color:${C.muted}">Money in ${escapeHtml(cur)}; data through ${escapeHtml(content.dataThrough)}; publish #${escapeHtml(content.publishId ?? '–')}. You receive this because a Partnerscope digest subscription names you; change it under ${link(`${base}/settings`, 'Settings')}.</p>
</td></tr></table></td></tr></table></body></html>`;

	const text = [
		`${title}, week of ${content.week.from} to ${content.week.to}`,
		'',
		summary,
		'',
		...DIGEST_TILES.map((key) => {
			const m = metric(key);
			const value = (r.lastWeek?.metrics[key] ?? null) as number | null;
			const before = (r.previousWeek?.metrics[key] ?? null) as number | null;
			return `${m.label}: ${formatValue(value, m.unit as Unit, cur)} (${tileDelta(m.unit as Unit, value, before).text} vs the week before)`;
		}),
		'',
		'Partners to act on:',
		...(actions.length ? actions.map((a) => `- ${a.partner_name}: ${ACTION_LABELS[a.reason] ?? a.reason}. ${a.detail}`) : ['- none']),
		'',
		'Alerts:',
		...(alertItems.length ? alertItems.map((a) => `- [${a.severity}] ${a.text} ${a.href}`) : ['- none']),
		'',
		`Open this week: ${links.review}`
	].join('\n');
	return { subject, html, text, links };
}

/**
 * The generic metric API every page builds on:
 *   GET /metrics                      the dictionary
 *   GET /metrics/summary              every metric for the filters, and for the comparison period
 *   GET /metrics/breakdown?by=a[,b]   every metric per group (JSON, CSV or Arrow), sortable, limited
 *   GET /metrics/dimensions           the values the filters can take (channels, partners, tiers, countries, devices)
 */
import { Hono } from 'hono';
import { isMetricKey, metricCatalog } from '../../../metrics/metric-dictionary.ts';
import { ValidationError } from '../../errors.ts';
import { comparisonRange } from '../../reports/params/filters.ts';
import { GROUP_KEYS, metricQuery, type GroupKey } from '../../reports/shared/metric-query.ts';
import { callerScope, reportContext } from '../report-context.ts';
import { allowedPartners } from '../../auth/narrow-filters.ts';
import { respondTable } from '../respond.ts';
import type { ApiEnv } from '../create-api.ts';
import type { MetricsSummaryAnswer } from '../../../api/metrics-summary.ts';

function parseGroupBy(raw: string | undefined): GroupKey[] {
	if (!raw) throw new ValidationError(`by is required: one or two of ${GROUP_KEYS.join(', ')}`, { parameter: 'by' });
	const keys = raw.split(',').map((s) => s.trim());
	for (const k of keys) if (!(GROUP_KEYS as readonly string[]).includes(k)) throw new ValidationError(`by must name ${GROUP_KEYS.join(', ')}, saw "${k}"`, { parameter: 'by' });
	if (keys.length > 2 || new Set(keys).size !== keys.length) throw new ValidationError('by takes one or two different dimensions', { parameter: 'by' });
	return keys as GroupKey[];
}

export const metricRoutes = new Hono<ApiEnv>()
	.get('/', (c) => c.json({ metrics: metricCatalog() }))
	.get('/summary', async (c) => {
		const ctx = await reportContext(c, { extraParams: ['margin'] });
		const { filters, warehouse, meta } = ctx;
		const base = { filters, grossMargin: meta.grossMargin, weekStart: meta.weekStart };
		const previous = comparisonRange(filters.range, filters.compare);
		const current = metricQuery(base);
		const [now] = await warehouse.db.query(current.sql, current.params);
		let comparison = null;
		if (previous) {
			const q = metricQuery({ ...base, range: previous });
			[comparison] = await warehouse.db.query(q.sql, q.params);
		}
		return c.json({ range: filters.range, comparisonRange: previous, compare: filters.compare, current: now ?? null, comparison: comparison ?? null, meta } satisfies MetricsSummaryAnswer);
	})
	.get('/breakdown', async (c) => {
		const ctx = await reportContext(c, { extraParams: ['by', 'sort', 'limit', 'format', 'margin'] });
		const groupBy = parseGroupBy(c.req.query('by'));
		const sort = c.req.query('sort');
		if (sort !== undefined && !isMetricKey(sort)) throw new ValidationError(`sort must name a metric (see /api/v1/metrics), saw "${sort}"`, { parameter: 'sort' });
		const limitRaw = c.req.query('limit');
		const limit = limitRaw === undefined ? undefined : Number(limitRaw);
		if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100_000))
			throw new ValidationError(`limit must be a whole number from 1 to 100000, saw "${limitRaw}"`, { parameter: 'limit' });
		const query = metricQuery({ filters: ctx.filters, groupBy, grossMargin: ctx.meta.grossMargin, weekStart: ctx.meta.weekStart, orderBy: sort, limit });
		return respondTable(c, ctx.warehouse.db, query, { ...ctx.meta, by: groupBy, range: ctx.filters.range }, `breakdown_${groupBy.join('_')}_${ctx.filters.range.from}_${ctx.filters.range.to}`);
	})
	.get('/dimensions', async (c) => {
		const { warehouse } = c.get('deps');
		await warehouse.requirePublished();
		const [partners, tiers, countries] = await Promise.all([
			warehouse.db.query('select partner_id, partner_name, channel, tier, status, manager from main.stg_partners order by partner_name'),
			warehouse.db.query("select distinct tier from main.stg_partners order by 1"),
			warehouse.db.query("select distinct country from main.fct_daily where country <> '' order by 1")
		]);
		// A scoped caller sees only the channels and partners of the scope in the filter choices.
		const scope = callerScope(c);
		const ids = allowedPartners(scope, partners as unknown as { partner_id: string; channel: string | null; manager: string | null }[]);
		const channels = ['content', 'coupon', 'cashback', 'influencer', 'email', 'comparison', 'sub_network'].filter((ch) => !scope.channels.length || scope.channels.includes(ch));
		return c.json({
			channels,
			devices: ['desktop', 'phone', 'tablet', 'other'],
			tiers: tiers.map((t) => t.tier),
			countries: countries.map((r) => r.country),
			partners: partners
				.filter((p) => (ids === null || ids.includes(String(p.partner_id))) && (!scope.channels.length || scope.channels.includes(String(p.channel))))
				.map(({ manager: _manager, ...p }) => p)
		});
	});

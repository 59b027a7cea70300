/**
 * The Quality and fraud API, over fct_quality_daily and the sale and click rows:
 *   GET /quality/signals   the signals for the filters' range, each linked to its rows, and every partner's measures (JSON or CSV)
 *   GET /quality/daily     the scope's days with the click-spike baseline (one partner) for the chart (JSON or CSV)
 *   GET /quality/rows      the rows behind one signal, paged (JSON, CSV or Arrow)
 */
import { Hono, type Context } from 'hono';
import { isSignalKind, QUALITY_THRESHOLDS, SIGNALS, signalDefinitions } from '../../../metrics/quality-thresholds.ts';
import type { Row } from '../../db/database.ts';
import { ValidationError } from '../../errors.ts';
import { COUNT_COLUMN, qualityRowsQuery, TOTAL_ROWS_COLUMN } from '../../reports/quality/rows.ts';
import { qualityDaily, qualityNotes, qualitySignals } from '../../reports/quality/signals.ts';
import { reportContext, type ReportContext } from '../report-context.ts';
import { csvResponse, requestedFormat, respondTable } from '../respond.ts';
import type { ApiEnv } from '../create-api.ts';
import type { QualityDailyAnswer, QualityMeta, QualityRowsAnswer, QualitySignalsAnswer } from '../../../api/quality-signals.ts';

const MODELS = ['fct_quality_daily', 'stg_sales', 'src_clicks'];
const ROWS_LIMIT = 100_000;

async function qualityContext(c: Context<ApiEnv>, extraParams: readonly string[]): Promise<ReportContext> {
	const ctx = await reportContext(c, { extraParams, models: MODELS });
	return { ...ctx, meta: { ...ctx.meta, notes: qualityNotes(ctx.filters) } };
}

/** JSON or CSV (answers computed in TypeScript have no Arrow form). */
function jsonOrCsv(c: Context): 'json' | 'csv' {
	const format = c.req.query('format');
	if (format === undefined || format === 'json' || format === 'csv') return format ?? 'json';
	throw new ValidationError(`format must be json or csv here, saw "${format}"`, { parameter: 'format' });
}

function wholeNumber(c: Context, name: string, min: number, max: number, fallback: number): number {
	const raw = c.req.query(name);
	if (raw === undefined) return fallback;
	const n = Number(raw);
	if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) throw new ValidationError(`${name} must be a whole number from ${min} to ${max}, saw "${raw}"`, { parameter: name });
	return n;
}

const qualityMeta = (ctx: ReportContext): QualityMeta => ({ ...ctx.meta, signals: signalDefinitions(), thresholds: QUALITY_THRESHOLDS, range: ctx.filters.range });

export const qualityRoutes = new Hono<ApiEnv>()
	.get('/signals', async (c) => {
		const ctx = await qualityContext(c, ['format']);
		const format = jsonOrCsv(c);
		const report = await qualitySignals(ctx.warehouse.db, { filters: ctx.filters });
		if (format === 'csv') {
			const rows = report.signals.map(({ evidence, ...s }) => ({ ...s, evidence_href: evidence.href }));
			return csvResponse(rows as unknown as Row[], `quality_signals_${report.range.from}_${report.range.to}`);
		}
		return c.json({ ...report, meta: qualityMeta(ctx) } satisfies QualitySignalsAnswer);
	})
	.get('/daily', async (c) => {
		const ctx = await qualityContext(c, ['format']);
		const format = jsonOrCsv(c);
		const rows = await qualityDaily(ctx.warehouse.db, { filters: ctx.filters });
		if (format === 'csv') return csvResponse(rows as unknown as Row[], `quality_daily_${ctx.filters.range.from}_${ctx.filters.range.to}`);
		return c.json({ rows, meta: { ...qualityMeta(ctx), singlePartner: ctx.filters.partner.length === 1 } } satisfies QualityDailyAnswer);
	})
	.get('/rows', async (c) => {
		const ctx = await qualityContext(c, ['signal', 'limit', 'offset', 'format']);
		const signal = c.req.query('signal');
		if (!signal) throw new ValidationError(`signal is required: one of ${SIGNALS.join(', ')}`, { parameter: 'signal' });
		if (!isSignalKind(signal)) throw new ValidationError(`signal must be one of ${SIGNALS.join(', ')}, saw "${signal}"`, { parameter: 'signal' });
		const limit = wholeNumber(c, 'limit', 1, ROWS_LIMIT, 100);
		const offset = wholeNumber(c, 'offset', 0, Number.MAX_SAFE_INTEGER, 0);
		const format = requestedFormat(c);
		const query = qualityRowsQuery(signal, ctx.filters, { limit, offset });
		const { range } = ctx.filters;
		const meta = { ...qualityMeta(ctx), signal, definition: signalDefinitions().find((d) => d.kind === signal)!, limit, offset };
		if (format !== 'json') return respondTable(c, ctx.warehouse.db, query.rows, meta, `quality_${signal}_${range.from}_${range.to}`);
		// JSON: the page and its totals in one scan; a page past the end has no row to carry them.
		const paged = await ctx.warehouse.db.query(query.rowsWithTotals.sql, query.rowsWithTotals.params);
		let totals = { total_rows: Number(paged[0]?.[TOTAL_ROWS_COLUMN] ?? 0), count: Number(paged[0]?.[COUNT_COLUMN] ?? 0) };
		if (paged.length === 0 && offset > 0) {
			const [all] = await ctx.warehouse.db.query<{ total_rows: number; count: number }>(query.total.sql, query.total.params);
			if (all) totals = all;
		}
		const rows = paged.map(({ [TOTAL_ROWS_COLUMN]: _t, [COUNT_COLUMN]: _n, ...row }) => row);
		return c.json({ rows, meta: { ...meta, ...totals } } satisfies QualityRowsAnswer);
	});

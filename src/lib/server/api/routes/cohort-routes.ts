/**
 * The cohorts resource (JSON; CSV with ?format=csv; Arrow IPC on Accept: application/vnd.apache.arrow.stream):
 *   GET /cohorts/customers          one row per group and period k: retention, LTV, payback (by=cohort: the triangle)
 *   GET /cohorts/customers/summary  one row per group: size, acquisition cost, retention in period 1, LTV, payback
 *   GET /cohorts/partners           partner cohorts by join month: activation within 30/60/90 days, median days to first sale
 *   GET /cohorts/partners/revenue   partner cohorts: cumulative revenue by months since joining
 *   GET /cohorts/partners/members   the partners of the selected join months
 * Customer cohorts take grain=month|week, by=cohort|channel|partner|tier|all, from/to (first-purchase dates),
 * channel/partner/tier (the acquiring partner) and margin; partner cohorts take from/to (join dates) and
 * channel/partner/tier.
 */
import { Hono, type Context } from 'hono';
import { Bool, DateDay, Field, Float64, Int32, RecordBatchStreamWriter, Schema, Table, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import { COHORT_METRICS } from '../../../metrics/cohort-definitions.ts';
import type { ColumnSpec } from '../../reports/cohort/column-spec.ts';
import { customerCohortCurves, customerCohortSummary, CURVE_COLUMNS, SUMMARY_COLUMNS } from '../../reports/cohort/customers.ts';
import {
	defaultCohortRange,
	defaultPartnerCohortRange,
	parseCohortGroup,
	parseCohortGrain,
	refuseUnsupportedFilters,
	type CohortGroup
} from '../../reports/cohort/params.ts';
import {
	ACTIVATION_COLUMNS,
	MEMBER_COLUMNS,
	PARTNER_REVENUE_COLUMNS,
	partnerCohortMembers,
	partnerCohortRevenueCurves,
	partnerCohorts
} from '../../reports/cohort/partners.ts';
import { reportContext, type ReportContext } from '../report-context.ts';
import { ARROW_STREAM, requestedFormat } from '../respond.ts';
import { toCsv } from '../to-csv.ts';
import type { ApiEnv } from '../create-api.ts';
import type { CohortAnswer, CohortMeta, CohortRows } from '../../../api/cohorts.ts';

const CUSTOMER_MODELS = ['dim_customers', 'fct_customer_cohorts', 'fct_cohort_acquisition_costs'];
const PARTNER_MODELS = ['fct_partner_cohort_members', 'fct_partner_cohort_revenue'];

const ARROW_TYPES: Record<ColumnSpec['type'], () => DataType> = {
	string: () => new Utf8(),
	date: () => new DateDay(),
	int: () => new Int32(),
	float: () => new Float64(),
	bool: () => new Bool()
};

/** Rows computed in TypeScript -> one Arrow IPC stream with the declared column types. */
function arrowBytes(rows: readonly Record<string, unknown>[], columns: readonly ColumnSpec[]): ArrayBuffer {
	const vectors = Object.fromEntries(
		columns.map((c) => {
			const type = ARROW_TYPES[c.type]();
			const values = rows.map((r) => {
				const v = r[c.key] ?? null;
				return v !== null && c.type === 'date' ? new Date(`${v as string}T00:00:00Z`) : v;
			});
			return [c.key, vectorFromArray(values, type)];
		})
	);
	const table = rows.length ? new Table(vectors) : new Table(new Schema(columns.map((c) => new Field(c.key, ARROW_TYPES[c.type](), true))));
	const bytes = RecordBatchStreamWriter.writeAll(table).toUint8Array(true);
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Answers computed rows: { rows, meta } as JSON, or the rows alone as CSV or Arrow, in the declared column order. */
function respondRows<Row extends object>(c: Context, answer: CohortAnswer<Row>, columns: readonly ColumnSpec[], filename: string): Response {
	const rows = answer.rows as readonly Record<string, unknown>[];
	const format = requestedFormat(c);
	if (format === 'csv')
		return new Response(toCsv(rows, columns.map((col) => col.key)), {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}.csv"` }
		});
	if (format === 'arrow') return new Response(arrowBytes(rows, columns), { headers: { 'content-type': ARROW_STREAM } });
	return c.json(answer);
}

function cohortMeta(ctx: ReportContext, extra: Pick<CohortMeta, 'grain' | 'by'>): CohortMeta {
	return { ...ctx.meta, metrics: [...ctx.meta.metrics, ...COHORT_METRICS], range: ctx.filters.range, ...extra };
}

async function customerContext(c: Context<ApiEnv>, fallbackGroup: CohortGroup) {
	const params = new URL(c.req.url).searchParams;
	refuseUnsupportedFilters(params);
	const period = parseCohortGrain(c.req.query('grain'));
	const by = parseCohortGroup(c.req.query('by'), fallbackGroup);
	const { warehouse } = c.get('deps');
	const weekStart = warehouse.config.weekStart;
	const ctx = await reportContext(c, {
		extraParams: ['grain', 'by', 'format', 'margin'],
		models: CUSTOMER_MODELS,
		defaultRange: (through) => defaultCohortRange(through, period, weekStart)
	});
	const options = { period, by, weekStart, grossMargin: ctx.meta.grossMargin, filters: ctx.filters, through: ctx.dataThrough };
	const name = `${period}_${by}_${ctx.filters.range.from}_${ctx.filters.range.to}`;
	return { ctx, options, name, meta: cohortMeta(ctx, { grain: period, by }) };
}

async function partnerContext(c: Context<ApiEnv>) {
	refuseUnsupportedFilters(new URL(c.req.url).searchParams);
	const ctx = await reportContext(c, { extraParams: ['format'], models: PARTNER_MODELS, defaultRange: defaultPartnerCohortRange });
	return { ctx, options: { filters: ctx.filters, through: ctx.dataThrough }, name: `${ctx.filters.range.from}_${ctx.filters.range.to}`, meta: cohortMeta(ctx, {}) };
}

export const cohortRoutes = new Hono<ApiEnv>()
	.get('/customers', async (c) => {
		const { ctx, options, name, meta } = await customerContext(c, 'cohort');
		return respondRows(c, { rows: await customerCohortCurves(ctx.warehouse.db, options), meta } satisfies CohortAnswer<CohortRows['customers']>, CURVE_COLUMNS, `customer_cohorts_${name}`);
	})
	.get('/customers/summary', async (c) => {
		const { ctx, options, name, meta } = await customerContext(c, 'cohort');
		return respondRows(c, { rows: await customerCohortSummary(ctx.warehouse.db, options), meta } satisfies CohortAnswer<CohortRows['customerSummary']>, SUMMARY_COLUMNS, `customer_cohort_summary_${name}`);
	})
	.get('/partners', async (c) => {
		const { ctx, options, name, meta } = await partnerContext(c);
		return respondRows(c, { rows: await partnerCohorts(ctx.warehouse.db, options), meta } satisfies CohortAnswer<CohortRows['partners']>, ACTIVATION_COLUMNS, `partner_cohorts_${name}`);
	})
	.get('/partners/revenue', async (c) => {
		const { ctx, options, name, meta } = await partnerContext(c);
		return respondRows(c, { rows: await partnerCohortRevenueCurves(ctx.warehouse.db, options), meta } satisfies CohortAnswer<CohortRows['partnerRevenue']>, PARTNER_REVENUE_COLUMNS, `partner_cohort_revenue_${name}`);
	})
	.get('/partners/members', async (c) => {
		const { ctx, options, name, meta } = await partnerContext(c);
		return respondRows(c, { rows: await partnerCohortMembers(ctx.warehouse.db, options), meta } satisfies CohortAnswer<CohortRows['partnerMembers']>, MEMBER_COLUMNS, `partner_cohort_members_${name}`);
	});

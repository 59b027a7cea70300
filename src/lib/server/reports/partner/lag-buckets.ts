/**
 * The click-to-conversion time buckets of the partner and channel pages (log-ish: seconds to a week) and the
 * SQL CASE that assigns a sale to one (pure). Used by sections.ts; the bounds are half-open
 * [min, max) in seconds, so every non-negative lag falls in exactly one bucket.
 */

export interface LagBucket {
	readonly key: string;
	readonly label: string;
	/** Inclusive lower bound in seconds. */
	readonly minSeconds: number;
	/** Exclusive upper bound in seconds; null = no upper bound. */
	readonly maxSeconds: number | null;
}

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;

export const LAG_BUCKETS: readonly LagBucket[] = [
	{ key: 'lt_15s', label: '< 15 s', minSeconds: 0, maxSeconds: 15 },
	{ key: '15s_1m', label: '15–60 s', minSeconds: 15, maxSeconds: MIN },
	{ key: '1m_10m', label: '1–10 min', minSeconds: MIN, maxSeconds: 10 * MIN },
	{ key: '10m_1h', label: '10–60 min', minSeconds: 10 * MIN, maxSeconds: HOUR },
	{ key: '1h_6h', label: '1–6 h', minSeconds: HOUR, maxSeconds: 6 * HOUR },
	{ key: '6h_24h', label: '6–24 h', minSeconds: 6 * HOUR, maxSeconds: DAY },
	{ key: '1d_7d', label: '1–7 d', minSeconds: DAY, maxSeconds: 7 * DAY },
	{ key: 'gt_7d', label: '> 7 d', minSeconds: 7 * DAY, maxSeconds: null }
];

/**
 * The bucket of a lag in seconds (a conversion recorded before its click counts as under 15 s).
 * @example lagBucketOf(42).key === '15s_1m'
 */
export function lagBucketOf(seconds: number): LagBucket {
	for (const b of LAG_BUCKETS) if (b.maxSeconds === null || seconds < b.maxSeconds) return b;
	return LAG_BUCKETS[LAG_BUCKETS.length - 1]!;
}

/** A CASE expression giving the bucket key of `column` (seconds), NULL when the column is NULL. Bounds are constants, not input. */
export function lagBucketSql(column: string): string {
	const whens = LAG_BUCKETS.filter((b) => b.maxSeconds !== null).map((b) => `when ${column} < ${b.maxSeconds} then '${b.key}'`);
	return `case when ${column} is null then null ${whens.join(' ')} else '${LAG_BUCKETS[LAG_BUCKETS.length - 1]!.key}' end`;
}

/**
 * Retention (pure): which physical model versions to drop. A publish is retained when it is among the
 * last `keepPublishes` or younger than `keepDays`; every table or view a retained publish references stays,
 * everything else in the versions schema goes (older versions, and candidates no publish took).
 * Called by apply-retention after each successful publish.
 */

export interface RetentionPolicy {
	/** Keep the tables of the last this many publishes (at least 1: the current one). */
	readonly keepPublishes: number;
	/** Keep the tables of publishes younger than this many days. */
	readonly keepDays: number;
	/** Disk bound: beyond the last keepPublishes, young publishes are kept only while the warehouse uses at most this many bytes. */
	readonly maxBytes?: number;
}

export interface PublishRelations {
	readonly publishId: number;
	/** ISO 8601 time of the publish. */
	readonly publishedAt: string;
	/** Physical names (in the versions schema) of the model versions the publish serves. */
	readonly relations: readonly string[];
}

export interface RetentionPlan {
	/** Publishes whose tables are kept, newest first. */
	readonly retained: readonly number[];
	/** Publishes past the rule, newest first (their tables go unless a retained publish shares them). */
	readonly expired: readonly number[];
	/** Physical names to drop, sorted. */
	readonly drop: readonly string[];
}

const DAY_MS = 86_400_000;

/**
 * @example planRetention({ publishes: [{ publishId: 1, publishedAt: '2026-01-01T00:00:00Z', relations: ['a__1'] }, { publishId: 2, publishedAt: '2026-03-01T00:00:00Z', relations: ['a__2'] }], existing: ['a__1', 'a__2', 'b__9'], policy: { keepPublishes: 1, keepDays: 7 }, now: new Date('2026-03-02T00:00:00Z') })
 * // { retained: [2], expired: [1], drop: ['a__1', 'b__9'] }
 */
export function planRetention(input: {
	readonly publishes: readonly PublishRelations[];
	readonly existing: readonly string[];
	readonly policy: RetentionPolicy;
	readonly now: Date;
	/** Keep at most this many publishes for being young (beyond the last keepPublishes); the oldest go first. */
	readonly maxYoung?: number;
}): RetentionPlan {
	const keepCount = Math.max(1, Math.floor(input.policy.keepPublishes));
	const cutoff = input.now.getTime() - Math.max(0, input.policy.keepDays) * DAY_MS;
	const newestFirst = [...input.publishes].sort((a, b) => b.publishId - a.publishId);
	const retained: number[] = [];
	const expired: number[] = [];
	const keep = new Set<string>();
	let youngKept = 0;
	newestFirst.forEach((p, index) => {
		const young = index >= keepCount && Date.parse(p.publishedAt) >= cutoff && youngKept < (input.maxYoung ?? Number.POSITIVE_INFINITY);
		if (young) youngKept++;
		if (index < keepCount || young) {
			retained.push(p.publishId);
			for (const r of p.relations) keep.add(r);
		} else {
			expired.push(p.publishId);
		}
	});
	const drop = [...new Set(input.existing)].filter((name) => !keep.has(name)).sort();
	return { retained, expired, drop };
}

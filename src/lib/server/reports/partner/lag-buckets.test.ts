import { describe, expect, it } from 'vitest';
import { LAG_BUCKETS, lagBucketOf, lagBucketSql } from './lag-buckets.ts';

describe('lagBucketOf', () => {
	it.each([
		[0, 'lt_15s'],
		[-5, 'lt_15s'],
		[14.9, 'lt_15s'],
		[15, '15s_1m'],
		[59, '15s_1m'],
		[60, '1m_10m'],
		[599, '1m_10m'],
		[600, '10m_1h'],
		[3599, '10m_1h'],
		[3600, '1h_6h'],
		[21_600, '6h_24h'],
		[86_399, '6h_24h'],
		[86_400, '1d_7d'],
		[604_799, '1d_7d'],
		[604_800, 'gt_7d'],
		[10_000_000, 'gt_7d']
	])('puts %f seconds in %s', (seconds, key) => {
		expect(lagBucketOf(seconds).key).toBe(key);
	});

	it('has contiguous bounds from 0 to open-ended', () => {
		expect(LAG_BUCKETS[0]!.minSeconds).toBe(0);
		for (let i = 1; i < LAG_BUCKETS.length; i++) expect(LAG_BUCKETS[i]!.minSeconds).toBe(LAG_BUCKETS[i - 1]!.maxSeconds);
		expect(LAG_BUCKETS.at(-1)!.maxSeconds).toBeNull();
	});
});

describe('lagBucketSql', () => {
	it('tests the upper bounds in order and falls through to the last bucket', () => {
		const sql = lagBucketSql('s.seconds_to_convert');
		expect(sql).toContain("when s.seconds_to_convert < 15 then 'lt_15s'");
		expect(sql.indexOf('< 15 ')).toBeLessThan(sql.indexOf('< 60 '));
		expect(sql).toMatch(/else 'gt_7d' end$/);
	});
});

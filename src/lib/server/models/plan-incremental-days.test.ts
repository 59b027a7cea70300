import { describe, expect, it } from 'vitest';
import { changedDays, planIncrementalDays, windowDays } from './plan-incremental-days.ts';

const fp = (entries: Record<string, string>) => new Map(Object.entries(entries));
const head = { generation: 3, version: 'h', parentVersions: { src_sales: 's1', src_clicks: 'c1', stg_partners: 'p1' } };
const parents = (v: Partial<Record<string, string>> = {}) => [
	{ name: 'src_sales', version: v.src_sales ?? 's1' },
	{ name: 'src_clicks', version: v.src_clicks ?? 'c1' },
	{ name: 'stg_partners', version: v.stg_partners ?? 'p1' }
];
const lookback = [
	{ parent: 'src_sales', days: 0 },
	{ parent: 'src_clicks', days: 2 }
];

describe('planIncrementalDays', () => {
	it('builds in full the first time and on request', () => {
		expect(planIncrementalDays({ full: false, head: null, parents: parents(), lookback, dayFingerprints: new Map() })).toMatchObject({ mode: 'full' });
		expect(planIncrementalDays({ full: true, head, parents: parents(), lookback, dayFingerprints: new Map() })).toMatchObject({ mode: 'full' });
	});

	it('builds in full when a parent read whole changed', () => {
		const decision = planIncrementalDays({ full: false, head, parents: parents({ stg_partners: 'p2' }), lookback, dayFingerprints: new Map() });
		expect(decision).toEqual({ mode: 'full', reason: 'stg_partners changed and is read whole (not named in lookback)' });
	});

	it('replaces nothing when the parents are the head', () => {
		expect(planIncrementalDays({ full: false, head, parents: parents(), lookback, dayFingerprints: new Map() })).toEqual({ mode: 'days', days: [], because: {} });
	});

	it('replaces exactly the changed days, pushed forward by the lookback and capped at the last day', () => {
		const decision = planIncrementalDays({
			full: false,
			head,
			parents: parents({ src_sales: 's2', src_clicks: 'c2' }),
			lookback,
			dayFingerprints: new Map([
				// a late status change on 01-02 and a new day 01-05
				['src_sales', { from: fp({ '2026-01-01': '1:1', '2026-01-02': '2:5', '2026-01-04': '1:1' }), to: fp({ '2026-01-01': '1:1', '2026-01-02': '2:6', '2026-01-04': '1:1', '2026-01-05': '1:9' }) }],
				['src_clicks', { from: fp({ '2026-01-04': '10:1' }), to: fp({ '2026-01-04': '10:1', '2026-01-05': '12:3' }) }]
			])
		});
		expect(decision).toEqual({ mode: 'days', days: ['2026-01-02', '2026-01-05'], because: { src_sales: 2, src_clicks: 1 } });
	});

	it('reaches forward by the lookback of a parent changed in the past', () => {
		const decision = planIncrementalDays({
			full: false,
			head,
			parents: parents({ src_clicks: 'c2' }),
			lookback,
			dayFingerprints: new Map([['src_clicks', { from: fp({ '2026-01-01': '1:1', '2026-01-09': '1:1' }), to: fp({ '2026-01-01': '1:2', '2026-01-09': '1:1' }) }]])
		});
		expect(decision).toMatchObject({ mode: 'days', days: ['2026-01-01', '2026-01-02', '2026-01-03'] });
	});

	it('builds in full when the earlier days of a parent are unknown', () => {
		const decision = planIncrementalDays({ full: false, head, parents: parents({ src_clicks: 'c2' }), lookback, dayFingerprints: new Map([['src_clicks', { from: null, to: fp({}) }]]) });
		expect(decision).toMatchObject({ mode: 'full' });
	});

	it('counts a removed day as changed', () => {
		expect(changedDays(fp({ '2026-01-01': '1:1', '2026-01-02': '1:1' }), fp({ '2026-01-01': '1:1' }))).toEqual(['2026-01-02']);
	});
});

describe('windowDays', () => {
	it('reaches back across month ends without duplicates', () => {
		expect(windowDays(['2026-03-01', '2026-03-02'], 1)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
	});
});

import { describe, expect, it } from 'vitest';
import { centralQuantile } from './central-quantile.ts';
import { holidayHalfWidths } from './holiday-half-widths.ts';
import { parseIsoDate } from './parse-iso-date.ts';
import { yearAlignment } from './year-alignment.ts';

// Mondays from 2028-11-13; two years and a bit, so the forecast steps 105.. cover Black Friday 2030 (106).
const align = yearAlignment({ yearPeriod: 52, firstDay: parseIsoDate('2028-11-13')!, stepDays: 7, holidays: 'retail' });
const forecast = Array.from({ length: 13 }, () => 1000);
const given = { '80': forecast.map(() => 10), '95': forecast.map(() => 15) };

describe('holidayHalfWidths', () => {
	it('leaves the widths alone when last year predicted every holiday exactly', () => {
		const y = Array.from({ length: 105 }, () => 100);
		expect(holidayHalfWidths(y, align, forecast, given)).toEqual(given);
	});
	it('widens holiday steps only, by t x the RMS of the holiday errors (hand-computed on one holiday that missed)', () => {
		// Every week 100 but Black Friday 2029's, 20% above its year-ago week: error 0.2 there, small errors on
		// the holiday weeks whose year-over-year ratio that week moved (within a quarter after it), 0 elsewhere.
		const keys = Array.from({ length: 105 }, (_, t) => align.key(t));
		const y2 = Array.from({ length: 105 }, (_, t) => (t === 53 ? 120 : 100)); // Black Friday 2029's week
		expect(keys[53]).toBe('black-friday+0');
		const out = holidayHalfWidths(y2, align, forecast, given);
		// Holiday points of year two with a year-ago point: their errors, computed by hand from the rule.
		const holidays = keys.map((k, t) => ({ k, t })).filter(({ k, t }) => t >= 52 && !k.startsWith('p') && align.yearAgo(t) >= 0);
		const errors = holidays.flatMap(({ t }) => {
			// The quarter-year before t (at most t - 52 weeks: a year must lie behind), each week against its
			// own year-ago week (those that have one).
			const w = Math.min(13, t - 52);
			const before = Array.from({ length: w }, (_, i) => t - w + i).filter((i) => align.yearAgo(i) >= 0 && align.yearAgo(i) < i);
			if (before.length === 0) return [];
			const ratio = before.reduce((a, i) => a + y2[i]!, 0) / before.reduce((a, i) => a + y2[align.yearAgo(i)]!, 0);
			return [y2[t]! / (y2[align.yearAgo(t)]! * ratio) - 1];
		});
		const rms = Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / errors.length);
		const bf = 106 - 105; // step of Black Friday 2030's week
		expect(out['80']![bf]).toBeCloseTo(centralQuantile(80, errors.length - 1) * rms * 1000, 6);
		expect(out['95']![bf]).toBeCloseTo(centralQuantile(95, errors.length - 1) * rms * 1000, 6);
		expect(align.key(105)).toBe('black-friday-1'); // 2030-11-18: a holiday step too
		expect(out['80']![0]).toBe(out['80']![bf]);
		expect(out['80']![12]).toBe(10); // 2031-02-10: ordinary
		expect(align.key(117)).toMatch(/^p/);
	});
	it('does nothing for a series with values <= 0', () => {
		const y = Array.from({ length: 105 }, (_, t) => (t === 53 ? 0 : 100));
		expect(holidayHalfWidths(y, align, forecast, given)).toEqual(given);
	});
});

import { describe, expect, it } from 'vitest';
import { normalizeRequestKey } from './answer-cache.ts';

const headers = (h: Record<string, string> = {}) => new Headers(h);

describe('normalizeRequestKey', () => {
	it('is the same whatever the order of the parameters', () => {
		expect(normalizeRequestKey('http://x/api/v1/reports/roi?to=2026-01-31&from=2026-01-01', headers())).toBe(
			normalizeRequestKey('http://x/api/v1/reports/roi?from=2026-01-01&to=2026-01-31', headers())
		);
	});

	it('tells apart values, representations and callers', () => {
		const base = normalizeRequestKey('http://x/api/v1/metrics/summary?channel=coupon', headers());
		expect(normalizeRequestKey('http://x/api/v1/metrics/summary?channel=content', headers())).not.toBe(base);
		expect(normalizeRequestKey('http://x/api/v1/metrics/summary?channel=coupon', headers({ accept: 'text/csv' }))).not.toBe(base);
		expect(normalizeRequestKey('http://x/api/v1/metrics/summary?channel=coupon', headers({ cookie: 'session=a' }))).not.toBe(
			normalizeRequestKey('http://x/api/v1/metrics/summary?channel=coupon', headers({ cookie: 'session=b' }))
		);
	});
});

import { describe, expect, it } from 'vitest';
import { callerKey, normalizeRequestKey } from './answer-cache.ts';
import { UNRESTRICTED } from '../auth/user-scope.ts';

const admin = callerKey({ role: 'admin', scope: UNRESTRICTED });

describe('normalizeRequestKey', () => {
	it('is the same whatever the order of the parameters', () => {
		expect(normalizeRequestKey('http://x/api/v1/reports/roi?to=2026-01-31&from=2026-01-01', null, admin)).toBe(
			normalizeRequestKey('http://x/api/v1/reports/roi?from=2026-01-01&to=2026-01-31', null, admin)
		);
	});

	it('tells apart values, representations and callers', () => {
		const base = normalizeRequestKey('http://x/api/v1/metrics/summary?channel=coupon', null, admin);
		expect(normalizeRequestKey('http://x/api/v1/metrics/summary?channel=content', null, admin)).not.toBe(base);
		expect(normalizeRequestKey('http://x/api/v1/metrics/summary?channel=coupon', 'text/csv', admin)).not.toBe(base);
		expect(normalizeRequestKey('http://x/api/v1/metrics/summary?channel=coupon', null, callerKey({ role: 'viewer', scope: UNRESTRICTED }))).not.toBe(base);
	});
});

describe('callerKey', () => {
	it('differs for every axis of a scope and ignores the order of its values', () => {
		const keys = [
			admin,
			callerKey({ role: 'admin', scope: { channels: ['coupon'], partners: [], managers: [] } }),
			callerKey({ role: 'admin', scope: { channels: [], partners: ['coupon'], managers: [] } }),
			callerKey({ role: 'admin', scope: { channels: [], partners: [], managers: ['coupon'] } }),
			callerKey(null)
		];
		expect(new Set(keys).size).toBe(keys.length);
		expect(callerKey({ role: 'analyst', scope: { channels: ['email', 'coupon'], partners: [], managers: [] } })).toBe(
			callerKey({ role: 'analyst', scope: { channels: ['coupon', 'email'], partners: [], managers: [] } })
		);
	});
});

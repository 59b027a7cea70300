import { describe, expect, it } from 'vitest';
import { formatScope, parseScope, partnerInScope } from './user-scope.ts';

describe('parseScope', () => {
	it('reads the auth CLI forms, axes adding up', () => {
		expect(parseScope(['channel=coupon,content', 'manager=Anna Schmidt', 'partner=P1', 'partner=P2,P1'])).toEqual({ channels: ['coupon', 'content'], partners: ['P1', 'P2'], managers: ['Anna Schmidt'] });
		expect(formatScope(parseScope([]))).toBe('everything');
	});
	it.each(['coupon', 'tier=gold', 'channel=', 'manager=a\u0007b'])('refuses %j', (raw) => {
		expect(() => parseScope([raw])).toThrow(/scope/);
	});
});

describe('partnerInScope', () => {
	const p = { partner_id: 'P1', channel: 'coupon', manager: 'Anna' };
	it.each([
		[{ channels: [], partners: [], managers: [] }, true],
		[{ channels: ['coupon'], partners: [], managers: [] }, true],
		[{ channels: ['content'], partners: [], managers: [] }, false],
		[{ channels: [], partners: ['P2'], managers: [] }, false],
		[{ channels: [], partners: [], managers: ['Anna'] }, true],
		[{ channels: ['coupon'], partners: [], managers: ['Tom'] }, false]
	])('%j admits P1: %s', (scope, expected) => {
		expect(partnerInScope(p, scope)).toBe(expected);
	});
	it('a partner without a manager is outside any manager scope', () => {
		expect(partnerInScope({ ...p, manager: null }, { channels: [], partners: [], managers: ['Anna'] })).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import type { Filters } from '../reports/params/filters.ts';
import { allowedPartners, narrowFilters, NOTHING, partnerInScope } from './narrow-filters.ts';
import { UNRESTRICTED } from './user-scope.ts';

const PARTNERS = [
	{ partner_id: 'P1', channel: 'content', manager: 'Ann Lee' },
	{ partner_id: 'P2', channel: 'coupon', manager: 'Ann Lee' },
	{ partner_id: 'P3', channel: 'content', manager: 'Bo Chan' },
	{ partner_id: 'P4', channel: 'email', manager: null }
];
const base: Filters = { range: { from: '2026-01-01', to: '2026-01-31' }, compare: 'previous', channel: [], partner: [], tier: ['gold'], country: [], device: [] };

describe('narrowFilters', () => {
	it('leaves the filters alone for an unrestricted scope', () => {
		expect(narrowFilters(base, UNRESTRICTED, PARTNERS)).toEqual(base);
	});

	it('resolves managers to their partner ids and keeps the other filters', () => {
		const f = narrowFilters(base, { channels: [], partners: [], managers: ['Ann Lee'] }, PARTNERS);
		expect(f.partner).toEqual(['P1', 'P2']);
		expect(f.channel).toEqual([]);
		expect(f.tier).toEqual(['gold']);
		expect(f.range).toEqual(base.range);
	});

	it('intersects what was asked with what the scope allows', () => {
		expect(narrowFilters({ ...base, partner: ['P2', 'P3'] }, { channels: [], partners: [], managers: ['Ann Lee'] }, PARTNERS).partner).toEqual(['P2']);
		expect(narrowFilters({ ...base, channel: ['content', 'email'] }, { channels: ['content', 'coupon'], partners: [], managers: [] }, PARTNERS).channel).toEqual(['content']);
	});

	it('asks for nothing (never for everything) when the intersection is empty', () => {
		expect(narrowFilters({ ...base, partner: ['P3'] }, { channels: [], partners: [], managers: ['Ann Lee'] }, PARTNERS).partner).toEqual([NOTHING]);
		expect(narrowFilters({ ...base, channel: ['email'] }, { channels: ['content'], partners: [], managers: [] }, PARTNERS).channel).toEqual([NOTHING]);
		// A manager with no partners in the export sees nothing, not the whole program.
		expect(narrowFilters(base, { channels: [], partners: [], managers: ['Nobody'] }, PARTNERS).partner).toEqual([NOTHING]);
	});

	it('applies every axis of the scope (partners and managers intersect)', () => {
		expect(allowedPartners({ channels: [], partners: ['P1', 'P3'], managers: ['Ann Lee'] }, PARTNERS)).toEqual(['P1']);
		expect(allowedPartners({ channels: ['content'], partners: [], managers: [] }, PARTNERS)).toBeNull();
		const f = narrowFilters(base, { channels: ['content'], partners: [], managers: ['Ann Lee'] }, PARTNERS);
		expect(f).toMatchObject({ channel: ['content'], partner: ['P1', 'P2'] }); // P2 drops out through the channel filter in every query
	});

	it('treats hostile names as plain values', () => {
		const hostile = [{ partner_id: "P'; drop table x;--", channel: 'content', manager: '<img src=x onerror=alert(1)>' }];
		expect(narrowFilters(base, { channels: [], partners: [], managers: ['<img src=x onerror=alert(1)>'] }, hostile).partner).toEqual(["P'; drop table x;--"]);
	});
});

describe('partnerInScope', () => {
	const scope = { channels: ['content'], partners: [], managers: ['Ann Lee'] };
	it.each([
		['P1', true],
		['P2', false], // Ann's, but coupon
		['P3', false], // content, but Bo's
		['P4', false]
	])('%s -> %s', (id, inside) => expect(partnerInScope(scope, PARTNERS.find((p) => p.partner_id === id)!, PARTNERS)).toBe(inside));
	it('everything is in an unrestricted scope', () => expect(partnerInScope(UNRESTRICTED, PARTNERS[3]!, PARTNERS)).toBe(true));
});

/**
 * Narrows report Filters to a user's scope (pure): the one place a scope meets a query. Managers resolve to
 * the partner ids of partners.manager; the partner and channel lists become the intersection of what was
 * asked and what the scope allows, so rows outside the scope never appear and totals are the scope's totals.
 * Called by the API's reportContext for every report route, and usable outside HTTP (e.g. per-user digests).
 */
import type { Filters } from '../reports/params/filters.ts';
import type { UserScope } from './user-scope.ts';

/** A partner as the scope needs it: its id, channel and manager (from main.stg_partners). */
export interface ScopePartner {
	readonly partner_id: string;
	readonly channel: string | null;
	readonly manager: string | null;
}

/**
 * Stands for "no value at all" in a filter list when the intersection is empty: a list with this one value
 * matches no partner or channel (ids from exports never start with a control character), while an empty
 * list would mean unrestricted.
 */
export const NOTHING = '\u0001outside-scope';

function intersect(asked: readonly string[], allowed: readonly string[]): string[] {
	if (asked.length === 0) return allowed.length ? [...allowed] : [NOTHING];
	const kept = asked.filter((v) => allowed.includes(v));
	return kept.length ? kept : [NOTHING];
}

/**
 * The partner ids a scope allows, or null when it does not restrict partners (no partner or manager axis).
 * @example allowedPartners({ channels: [], partners: ['P1', 'P2'], managers: ['Ann'] }, [{ partner_id: 'P2', channel: 'content', manager: 'Ann' }]) // ['P2']
 */
export function allowedPartners(scope: UserScope, partners: readonly ScopePartner[]): string[] | null {
	if (scope.partners.length === 0 && scope.managers.length === 0) return null;
	const managers = new Set(scope.managers);
	const named = new Set(scope.partners);
	return partners
		.filter((p) => (scope.managers.length === 0 || (p.manager !== null && managers.has(p.manager))) && (scope.partners.length === 0 || named.has(p.partner_id)))
		.map((p) => p.partner_id)
		.sort();
}

/**
 * The filters a scoped user's query runs with. An unrestricted scope returns the filters unchanged.
 * @example narrowFilters({ ...f, partner: [] }, { channels: [], partners: [], managers: ['Ann'] }, partners) // partner: Ann's partner ids
 */
export function narrowFilters(filters: Filters, scope: UserScope, partners: readonly ScopePartner[]): Filters {
	const ids = allowedPartners(scope, partners);
	return {
		...filters,
		channel: scope.channels.length ? intersect(filters.channel, scope.channels) : filters.channel,
		partner: ids === null ? filters.partner : intersect(filters.partner, ids)
	};
}

/** Whether one partner is inside the scope (its channel and its id); outside answers 404 like an unknown id. */
export function partnerInScope(scope: UserScope, partner: ScopePartner, partners: readonly ScopePartner[]): boolean {
	if (scope.channels.length && (partner.channel === null || !scope.channels.includes(partner.channel))) return false;
	const ids = allowedPartners(scope, partners);
	return ids === null || ids.includes(partner.partner_id);
}

/**
 * The partner directory a scope is resolved against (id, channel, manager from the published stg_partners),
 * and the filters of a user's scope alone. Called by the API's reportContext and the routes that do not
 * take filters; a digest job can call scopedFilters with its own database.
 */
import type { Database } from '../db/database.ts';
import type { Filters } from '../reports/params/filters.ts';
import { narrowFilters, type ScopePartner } from './narrow-filters.ts';
import { isRestricted, type UserScope } from './user-scope.ts';

export async function loadScopePartners(db: Database): Promise<ScopePartner[]> {
	return db.query<{ partner_id: string; channel: string | null; manager: string | null }>('select partner_id, channel, manager from main.stg_partners order by partner_id');
}

/** `filters` narrowed to `scope`, reading the partner directory only when the scope restricts anything. */
export async function scopedFilters(db: Database, filters: Filters, scope: UserScope | null | undefined): Promise<Filters> {
	if (!scope || !isRestricted(scope)) return filters;
	return narrowFilters(filters, scope, await loadScopePartners(db));
}

/**
 * Narrows a report's Filters to a user's scope, so every digest figure comes from the same report functions as
 * the API. The one place that applies a scope to the report filters: the integrator swaps it for the sign-in
 * work's version. Managers resolve to the partner ids whose partners.manager matches.
 */
import type { Database } from '../db/database.ts';
import type { Filters } from '../reports/filters.ts';
import type { UserScope } from './user-scope.ts';

/** A partner id no export holds: an empty intersection must still restrict (an empty list would mean "all"). */
export const NO_PARTNER = '(no partner in scope)';

const intersect = (current: readonly string[], allowed: readonly string[]): string[] => (current.length ? current.filter((v) => allowed.includes(v)) : [...allowed]);

export async function scopeFilters(db: Database, filters: Filters, scope: UserScope): Promise<Filters> {
	let partners: string[] | null = scope.partners.length ? [...scope.partners] : null;
	if (scope.managers.length) {
		const rows = await db.query<{ partner_id: string }>('select partner_id from main.stg_partners where list_contains($managers::json::varchar[], manager) order by 1', {
			managers: JSON.stringify(scope.managers)
		});
		const managed = rows.map((r) => r.partner_id);
		partners = partners ? partners.filter((p) => managed.includes(p)) : managed;
	}
	const channel = scope.channels.length ? intersect(filters.channel, scope.channels) : [...filters.channel];
	let partner = partners ? intersect(filters.partner, partners) : [...filters.partner];
	const emptied = (scope.channels.length && !channel.length) || (partners && !partner.length);
	if (emptied) partner = [NO_PARTNER];
	return { ...filters, channel: emptied && !channel.length ? [] : channel, partner };
}

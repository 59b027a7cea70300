/**
 * One partner's page: its profile from the partners export and every section of detailSections with the
 * filters scoped to it (a partner filter in the URL is replaced by this partner). Unknown partner -> 404.
 * Called by GET /api/v1/partners/:id.
 */
import type { Database, Row } from '../../db/database.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { detailSections, type DetailSections, type SectionOptions } from './sections.ts';

export interface PartnerDetail extends DetailSections {
	readonly partner: Row;
}

export async function partnerDetail(db: Database, id: string, options: SectionOptions): Promise<PartnerDetail> {
	if (id.length > 100 || /[\u0000-\u001f]/.test(id)) throw new ValidationError('id must be a partner id (at most 100 characters)', { parameter: 'id' });
	const [partner] = await db.query(
		`select partner_id, partner_name, channel, tier, status, joined_at, terminated_at, country, manager, commission_plan
		 from main.stg_partners where partner_id = $id`,
		{ id }
	);
	if (!partner) throw new NotFoundError(`partner "${id}" is not in the partners export`);
	const sections = await detailSections(db, { ...options, filters: { ...options.filters, partner: [id] } });
	return { partner, ...sections };
}

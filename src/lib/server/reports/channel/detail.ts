/**
 * One channel's page: how many partners it has, and every section of detailSections with the filters
 * scoped to the channel (a channel filter in the URL is replaced by this channel). 'program' holds the
 * costs with neither partner nor channel. Unknown channel -> 404. Called by GET /api/v1/channels/:channel.
 */
import type { Database, Row } from '../../db/database.ts';
import { NotFoundError } from '../../errors.ts';
import { CHANNELS } from '../../exports/export-schema.ts';
import { detailSections, type DetailSections, type SectionOptions } from '../partner/sections.ts';

export interface ChannelDetail extends DetailSections {
	readonly channel: Row;
}

export const CHANNEL_KEYS: readonly string[] = [...CHANNELS, 'program'];

export async function channelDetail(db: Database, channel: string, options: SectionOptions): Promise<ChannelDetail> {
	if (!CHANNEL_KEYS.includes(channel)) throw new NotFoundError(`channel "${channel.slice(0, 100)}" is not one of ${CHANNEL_KEYS.join(', ')}`);
	// A partner filter (or a user's scope) limits the counts to those partners.
	const partners = options.filters.partner;
	const [profile] = await db.query(
		`select $channel as channel,
			count(*) filter (where channel = $channel) as partners,
			count(*) filter (where channel = $channel and status = 'active') as active_partners,
			count(*) filter (where channel = $channel and status = 'paused') as paused_partners,
			count(*) filter (where channel = $channel and status = 'terminated') as terminated_partners
		 from main.stg_partners
		 ${partners.length ? 'where list_contains($partners::json::varchar[], partner_id)' : ''}`,
		partners.length ? { channel, partners: JSON.stringify(partners) } : { channel }
	);
	const sections = await detailSections(db, { ...options, filters: { ...options.filters, channel: [channel] } });
	return { channel: profile!, ...sections };
}

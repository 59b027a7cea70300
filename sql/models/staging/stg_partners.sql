-- kind: table
-- grain: partner_id
-- owner: partnerships-analytics
-- description: One row per partner, as the tracking platform exports it.
-- test: not_null(partner_name, channel, joined_at, status)
-- test: accepted_values(channel: content, coupon, cashback, influencer, email, comparison, sub_network)
-- test: accepted_values(status: active, paused, terminated)
select
    partner_id,
    partner_name,
    channel,
    joined_at,
    status,
    terminated_at,
    country,
    manager,
    commission_plan,
    coalesce(tier, 'untiered') as tier
from src_partners

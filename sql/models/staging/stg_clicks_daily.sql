-- kind: incremental
-- time_column: date
-- lookback: src_clicks 0
-- grain: date, partner_id, device_type, country
-- owner: partnerships-analytics
-- description: Clicks per UTC day of clicked_at, partner, device and country. Valid clicks exclude is_invalid.
-- test: not_null(date, partner_id)
-- test: relationships(partner_id -> stg_partners.partner_id)
select
    (clicked_at at time zone 'UTC')::date as date,
    partner_id,
    device_type,
    coalesce(country, '') as country,
    count(*) as gross_clicks,
    count(*) filter (where not is_invalid) as valid_clicks,
    count(*) filter (where is_unique and not is_invalid) as unique_clicks,
    count(*) filter (where is_invalid) as invalid_clicks
from src_clicks
group by all

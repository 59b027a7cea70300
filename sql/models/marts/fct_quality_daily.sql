-- kind: table
-- grain: date, partner_id
-- owner: partnerships-analytics
-- description: Traffic and sales quality per UTC day and partner, for the fraud signals of the Quality page.
-- description: Clicks count on the day of the click (gross, valid, invalid). Sales count on the day of the
-- description: conversion: every status (sales), not reversed (conversions), with a click (clicked_sales), fast
-- description: (converted under 15 s after the click; 15 = QUALITY_THRESHOLDS.fastConversionSeconds in
-- description: src/lib/metrics/quality-thresholds.ts), click-less with a coupon code. Decisions count on the day
-- description: of validated_at: validated (approved, paid or reversed) and reversed sales.
-- test: not_null(date, partner_id, channel, tier)
-- test: relationships(partner_id -> stg_partners.partner_id)
with clicks as (
    select date, partner_id,
        sum(gross_clicks)::bigint as gross_clicks,
        sum(valid_clicks)::bigint as valid_clicks,
        sum(invalid_clicks)::bigint as invalid_clicks
    from stg_clicks_daily
    group by all
),
sales as (
    select converted_date as date, partner_id,
        count(*) as sales,
        count(*) filter (where is_counted) as conversions,
        count(*) filter (where seconds_to_convert is not null) as clicked_sales,
        count(*) filter (where seconds_to_convert < 15) as fast_sales,
        count(*) filter (where click_id is null and coupon_code is not null) as clickless_coupon_sales
    from stg_sales
    group by all
),
decisions as (
    select (validated_at at time zone 'UTC')::date as date, partner_id,
        count(*) as validated_sales,
        count(*) filter (where status = 'reversed') as reversed_sales
    from stg_sales
    where status <> 'pending' and validated_at is not null
    group by all
),
days as (
    select date, partner_id from clicks
    union
    select date, partner_id from sales
    union
    select date, partner_id from decisions
)
select
    d.date,
    d.partner_id,
    p.channel,
    p.tier,
    coalesce(c.gross_clicks, 0)::bigint as gross_clicks,
    coalesce(c.valid_clicks, 0)::bigint as valid_clicks,
    coalesce(c.invalid_clicks, 0)::bigint as invalid_clicks,
    coalesce(s.sales, 0)::bigint as sales,
    coalesce(s.conversions, 0)::bigint as conversions,
    coalesce(s.clicked_sales, 0)::bigint as clicked_sales,
    coalesce(s.fast_sales, 0)::bigint as fast_sales,
    coalesce(s.clickless_coupon_sales, 0)::bigint as clickless_coupon_sales,
    coalesce(v.validated_sales, 0)::bigint as validated_sales,
    coalesce(v.reversed_sales, 0)::bigint as reversed_sales
from days as d
join stg_partners as p using (partner_id)
left join clicks as c using (date, partner_id)
left join sales as s using (date, partner_id)
left join decisions as v using (date, partner_id)

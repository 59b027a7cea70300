-- kind: incremental
-- time_column: date
-- lookback: stg_clicks_daily 0, stg_sales 0, stg_costs_daily 0
-- grain: date, partner_id, channel, device_type, country
-- owner: partnerships-analytics
-- description: The base fact every report filters: per UTC day, partner, device and country, clicks on the
-- description: day of the click and sales on the day of the conversion. Costs cannot be split by device or
-- description: country: they sit on rows with device_type 'unattributed' and country '' (program-level costs
-- description: with partner_id NULL and the cost row's channel, or 'program'), so a device or country filter
-- description: leaves them out. On cost rows the click and sale measures are NULL (not applicable).
-- test: not_null(date, channel, device_type)
-- test: relationships(partner_id -> stg_partners.partner_id)
-- Counts are cast back to BIGINT: sum(BIGINT) is HUGEINT in DuckDB, and scanning HUGEINT columns is
-- many times slower than BIGINT for every report that sums them.
with clicks as (
    select date, partner_id, device_type, country,
        sum(gross_clicks)::bigint as gross_clicks,
        sum(valid_clicks)::bigint as valid_clicks,
        sum(unique_clicks)::bigint as unique_clicks,
        sum(invalid_clicks)::bigint as invalid_clicks
    from stg_clicks_daily
    group by all
),
sales as (
    select converted_date as date, partner_id, device_type, coalesce(country, '') as country,
        count(*) filter (where is_counted) as conversions,
        coalesce(sum(sale_amount_base) filter (where is_counted), 0) as revenue,
        coalesce(sum(commission_base) filter (where is_counted), 0) as commission,
        coalesce(sum(network_fee_base) filter (where is_counted), 0) as network_fees,
        count(*) as gross_conversions,
        coalesce(sum(sale_amount_base), 0) as gross_revenue,
        count(*) filter (where status = 'reversed') as reversed_conversions,
        coalesce(sum(sale_amount_base) filter (where status = 'reversed'), 0) as reversed_revenue,
        count(*) filter (where status in ('approved', 'paid')) as approved_conversions,
        coalesce(sum(sale_amount_base) filter (where status in ('approved', 'paid')), 0) as approved_revenue,
        count(*) filter (where status <> 'pending') as validated_conversions,
        count(*) filter (where is_counted and customer_status = 'new') as new_customer_conversions,
        count(*) filter (where click_id is null and coupon_code is not null) as clickless_coupon_conversions
    from stg_sales
    group by all
),
traffic as (
    select
        coalesce(c.date, s.date) as date,
        coalesce(c.partner_id, s.partner_id) as partner_id,
        coalesce(c.device_type, s.device_type) as device_type,
        coalesce(c.country, s.country) as country,
        coalesce(c.gross_clicks, 0) as gross_clicks,
        coalesce(c.valid_clicks, 0) as valid_clicks,
        coalesce(c.unique_clicks, 0) as unique_clicks,
        coalesce(c.invalid_clicks, 0) as invalid_clicks,
        coalesce(s.conversions, 0) as conversions,
        coalesce(s.revenue, 0) as revenue,
        coalesce(s.commission, 0) as commission,
        coalesce(s.network_fees, 0) as network_fees,
        0.0 as other_costs,
        coalesce(s.gross_conversions, 0) as gross_conversions,
        coalesce(s.gross_revenue, 0) as gross_revenue,
        coalesce(s.reversed_conversions, 0) as reversed_conversions,
        coalesce(s.reversed_revenue, 0) as reversed_revenue,
        coalesce(s.approved_conversions, 0) as approved_conversions,
        coalesce(s.approved_revenue, 0) as approved_revenue,
        coalesce(s.validated_conversions, 0) as validated_conversions,
        coalesce(s.new_customer_conversions, 0) as new_customer_conversions,
        coalesce(s.clickless_coupon_conversions, 0) as clickless_coupon_conversions
    from clicks as c
    full outer join sales as s using (date, partner_id, device_type, country)
),
costs as (
    select date, partner_id, case when partner_id is null then channel end as cost_channel, sum(amount_base) as other_costs
    from stg_costs_daily
    group by all
)
select
    t.date, t.partner_id, p.channel, p.tier, t.device_type, t.country,
    t.gross_clicks, t.valid_clicks, t.unique_clicks, t.invalid_clicks,
    t.conversions, t.revenue, t.commission, t.network_fees, t.other_costs,
    t.gross_conversions, t.gross_revenue, t.reversed_conversions, t.reversed_revenue,
    t.approved_conversions, t.approved_revenue, t.validated_conversions,
    t.new_customer_conversions, t.clickless_coupon_conversions
from traffic as t
join stg_partners as p using (partner_id)
union all by name
select
    k.date,
    k.partner_id,
    coalesce(p.channel, k.cost_channel, 'program') as channel,
    p.tier,
    'unattributed' as device_type,
    '' as country,
    k.other_costs
from costs as k
left join stg_partners as p using (partner_id)

-- ClickHouse version of fct_daily.sql (same rows and columns). By hand because ClickHouse has no
-- UNION ALL BY NAME: the cost rows list every column, with NULL where DuckDB fills NULL.
with clicks as (
    select date, partner_id, device_type, country,
        toInt64(sum(gross_clicks)) as gross_clicks,
        toInt64(sum(valid_clicks)) as valid_clicks,
        toInt64(sum(unique_clicks)) as unique_clicks,
        toInt64(sum(invalid_clicks)) as invalid_clicks
    from stg_clicks_daily
    group by date, partner_id, device_type, country
),
sales as (
    select converted_date as date, partner_id, device_type, coalesce(country, '') as country,
        countIf(is_counted) as conversions,
        coalesce(sumIf(sale_amount_base, is_counted), 0) as revenue,
        coalesce(sumIf(commission_base, is_counted), 0) as commission,
        coalesce(sumIf(network_fee_base, is_counted), 0) as network_fees,
        count() as gross_conversions,
        coalesce(sum(sale_amount_base), 0) as gross_revenue,
        countIf(status = 'reversed') as reversed_conversions,
        coalesce(sumIf(sale_amount_base, status = 'reversed'), 0) as reversed_revenue,
        countIf(status in ('approved', 'paid')) as approved_conversions,
        coalesce(sumIf(sale_amount_base, status in ('approved', 'paid')), 0) as approved_revenue,
        countIf(status != 'pending') as validated_conversions,
        countIf(is_counted and customer_status = 'new') as new_customer_conversions,
        countIf(click_id is null and coupon_code is not null) as clickless_coupon_conversions
    from stg_sales
    group by date, partner_id, device_type, country
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
        toFloat64(0) as other_costs,
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
    full outer join sales as s
        on c.date = s.date and c.partner_id = s.partner_id and c.device_type = s.device_type and c.country = s.country
),
costs as (
    select date, partner_id, if(partner_id is null, channel, null) as cost_channel, sum(amount_base) as other_costs
    from stg_costs_daily
    group by date, partner_id, cost_channel
)
select
    t.date as date, t.partner_id as partner_id, p.channel as channel, p.tier as tier, t.device_type as device_type, t.country as country,
    t.gross_clicks as gross_clicks, t.valid_clicks as valid_clicks, t.unique_clicks as unique_clicks, t.invalid_clicks as invalid_clicks,
    t.conversions as conversions, t.revenue as revenue, t.commission as commission, t.network_fees as network_fees, t.other_costs as other_costs,
    t.gross_conversions as gross_conversions, t.gross_revenue as gross_revenue, t.reversed_conversions as reversed_conversions, t.reversed_revenue as reversed_revenue,
    t.approved_conversions as approved_conversions, t.approved_revenue as approved_revenue, t.validated_conversions as validated_conversions,
    t.new_customer_conversions as new_customer_conversions, t.clickless_coupon_conversions as clickless_coupon_conversions
from traffic as t
join stg_partners as p on p.partner_id = t.partner_id
union all
select
    k.date, k.partner_id,
    coalesce(p.channel, k.cost_channel, 'program'),
    p.tier,
    'unattributed', '',
    null, null, null, null,
    null, null, null, null, k.other_costs,
    null, null, null, null,
    null, null, null,
    null, null
from costs as k
left join stg_partners as p on p.partner_id = k.partner_id

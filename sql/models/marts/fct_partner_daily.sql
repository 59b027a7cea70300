-- kind: table
-- grain: date, partner_id
-- owner: partnerships-analytics
-- description: Partner performance per UTC day: clicks on the day of the click, sales on the day of the
-- description: conversion (reversed sales excluded from counted figures), partner-level costs spread by day.
-- test: not_null(date, partner_id)
-- test: relationships(partner_id -> stg_partners.partner_id)
with clicks as (
    select date, partner_id,
        sum(gross_clicks) as gross_clicks,
        sum(valid_clicks) as valid_clicks,
        sum(unique_clicks) as unique_clicks,
        sum(invalid_clicks) as invalid_clicks
    from stg_clicks_daily
    group by all
),
sales as (
    select converted_date as date, partner_id,
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
        count(*) filter (where is_counted and customer_status = 'new') as new_customer_conversions
    from stg_sales
    group by all
),
costs as (
    select date, partner_id, sum(amount_base) as other_costs
    from stg_costs_daily
    where partner_id is not null
    group by all
),
keys as (
    select date, partner_id from clicks
    union
    select date, partner_id from sales
    union
    select date, partner_id from costs
)
select
    k.date,
    k.partner_id,
    coalesce(c.gross_clicks, 0) as gross_clicks,
    coalesce(c.valid_clicks, 0) as valid_clicks,
    coalesce(c.unique_clicks, 0) as unique_clicks,
    coalesce(c.invalid_clicks, 0) as invalid_clicks,
    coalesce(s.conversions, 0) as conversions,
    coalesce(s.revenue, 0) as revenue,
    coalesce(s.commission, 0) as commission,
    coalesce(s.network_fees, 0) as network_fees,
    coalesce(o.other_costs, 0) as other_costs,
    coalesce(s.gross_conversions, 0) as gross_conversions,
    coalesce(s.gross_revenue, 0) as gross_revenue,
    coalesce(s.reversed_conversions, 0) as reversed_conversions,
    coalesce(s.reversed_revenue, 0) as reversed_revenue,
    coalesce(s.approved_conversions, 0) as approved_conversions,
    coalesce(s.approved_revenue, 0) as approved_revenue,
    coalesce(s.new_customer_conversions, 0) as new_customer_conversions
from keys as k
left join clicks as c using (date, partner_id)
left join sales as s using (date, partner_id)
left join costs as o using (date, partner_id)

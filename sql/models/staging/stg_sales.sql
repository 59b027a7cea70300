-- kind: incremental
-- time_column: converted_date
-- lookback: src_sales 0, src_clicks 90, stg_fx_rates 31
-- grain: conversion_id
-- owner: partnerships-analytics
-- description: One row per conversion (latest state) with money converted to the base currency at the FX
-- description: rate of the UTC day of converted_at. is_counted = the sale is not reversed. clicked_at and
-- description: seconds_to_convert come from the attributed click (NULL for click-less sales, and for a click
-- description: more than 90 days before the sale or after it). The FX rate is the latest up to the sale's day;
-- description: incremental builds look 31 days back for it, so a currency needs a rate at least every 31 days.
-- test: not_null(partner_id, converted_at, status, fx_rate)
-- test: accepted_values(status: pending, approved, reversed, paid)
-- test: relationships(partner_id -> stg_partners.partner_id)
select
    s.conversion_id,
    s.order_id,
    s.click_id,
    s.partner_id,
    s.converted_at,
    (s.converted_at at time zone 'UTC')::date as converted_date,
    s.validated_at,
    s.status,
    s.reversal_reason,
    s.status <> 'reversed' as is_counted,
    upper(s.currency) as currency,
    fx.rate_to_base as fx_rate,
    s.sale_amount,
    s.commission_amount,
    s.network_fee_amount,
    s.sale_amount * fx.rate_to_base as sale_amount_base,
    s.commission_amount * fx.rate_to_base as commission_base,
    s.network_fee_amount * fx.rate_to_base as network_fee_base,
    c.clicked_at,
    case when c.clicked_at is not null then epoch(s.converted_at) - epoch(c.clicked_at) end as seconds_to_convert,
    s.customer_id,
    s.customer_status,
    s.coupon_code,
    s.device_type,
    s.country
from src_sales as s
left join src_clicks as c
    on c.click_id = s.click_id
    and c.clicked_at >= s.converted_at - interval 90 day
    and c.clicked_at <= s.converted_at
asof left join stg_fx_rates as fx
    on upper(s.currency) = fx.currency
    and (s.converted_at at time zone 'UTC')::date >= fx.date

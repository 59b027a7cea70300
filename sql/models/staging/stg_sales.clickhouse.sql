-- ClickHouse version of stg_sales.sql (same columns, same meaning). Written by hand because ClickHouse cannot
-- multiply a Decimal by a Float64 (DuckDB returns DOUBLE) and has no epoch(); the transpiler keeps both.
-- The join hashes only the clicks some sale names (4.7M of 100M at --scale 30, where hashing every click took
-- more memory than the machine had), and a click counts only within 90 days before its sale, as in DuckDB
-- (click_id is unique among the contract's clicks, so testing the window after the join is the same).
select
    s.conversion_id,
    s.order_id,
    s.click_id,
    s.partner_id,
    s.converted_at,
    toDate(s.converted_at, 'UTC') as converted_date,
    s.validated_at,
    s.status,
    s.reversal_reason,
    s.status != 'reversed' as is_counted,
    upper(s.currency) as currency,
    fx.rate_to_base as fx_rate,
    s.sale_amount,
    s.commission_amount,
    s.network_fee_amount,
    toFloat64(s.sale_amount) * fx.rate_to_base as sale_amount_base,
    toFloat64(s.commission_amount) * fx.rate_to_base as commission_base,
    toFloat64(s.network_fee_amount) * fx.rate_to_base as network_fee_base,
    if(c.clicked_at >= s.converted_at - interval 90 day and c.clicked_at <= s.converted_at, c.clicked_at, null) as clicked_at,
    if(c.clicked_at >= s.converted_at - interval 90 day and c.clicked_at <= s.converted_at, toUnixTimestamp64Micro(s.converted_at) / 1e6 - toUnixTimestamp64Micro(c.clicked_at) / 1e6, null) as seconds_to_convert,
    s.customer_id,
    s.customer_status,
    s.coupon_code,
    s.device_type,
    s.country
from (select *, upper(currency) as currency_key, toDate(converted_at, 'UTC') as rate_day from src_sales) as s
left join (select click_id, clicked_at from src_clicks where click_id in (select click_id from src_sales where click_id is not null)) as c
    on c.click_id = s.click_id
asof left join (select assumeNotNull(currency) as currency, assumeNotNull(date) as date, rate_to_base from stg_fx_rates) as fx
    on s.currency_key = fx.currency
    and s.rate_day >= fx.date

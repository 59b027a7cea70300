-- ClickHouse version of stg_costs_daily.sql: one row per cost and day of its period. By hand because
-- generate_series/unnest become arrayJoin, and a Decimal divided by days must be a Float64 as in DuckDB.
with days as (
    select
        c.*,
        arrayJoin(arrayMap(i -> c.period_start + i, range(toUInt32(assumeNotNull(c.period_end - c.period_start) + 1)))) as date,
        (c.period_end - c.period_start + 1) as period_days
    from src_costs as c
    where c.period_end >= c.period_start
)
select
    d.cost_id,
    d.date,
    d.partner_id,
    d.channel,
    d.cost_type,
    upper(d.currency) as currency,
    toFloat64(d.amount) / d.period_days as amount,
    toFloat64(d.amount) / d.period_days * fx.rate_to_base as amount_base
from (select *, upper(currency) as currency_key, assumeNotNull(date) as rate_day from days) as d
asof left join (select assumeNotNull(currency) as currency, assumeNotNull(date) as date, rate_to_base from stg_fx_rates) as fx
    on d.currency_key = fx.currency
    and d.rate_day >= fx.date

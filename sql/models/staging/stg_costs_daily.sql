-- kind: table
-- time_column: date
-- grain: cost_id, date
-- owner: partnerships-analytics
-- description: Costs the platform does not carry, spread evenly over the days of [period_start, period_end],
-- description: each day's share converted at that day's FX rate. partner_id NULL = program level.
-- test: not_null(date, cost_type, amount_base)
with days as (
    select
        c.*,
        unnest(generate_series(c.period_start::timestamp, c.period_end::timestamp, interval 1 day))::date as date,
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
    d.amount / d.period_days as amount,
    d.amount / d.period_days * fx.rate_to_base as amount_base
from days as d
asof left join stg_fx_rates as fx
    on upper(d.currency) = fx.currency
    and d.date >= fx.date

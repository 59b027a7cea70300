-- kind: table
-- time_column: date
-- grain: date, currency
-- owner: partnerships-analytics
-- description: Daily rate converting one unit of `currency` into the base currency.
-- test: not_null(rate_to_base)
select
    date,
    upper(currency) as currency,
    rate_to_base
from src_fx_rates
where rate_to_base > 0

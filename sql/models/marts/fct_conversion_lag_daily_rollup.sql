-- kind: incremental
-- time_column: date
-- lookback: fct_conversion_lag_daily 0
-- grain: date, partner_id, bucket
-- owner: partnerships-analytics
-- description: fct_conversion_lag_daily added up over devices and countries (the same buckets, fewer rows).
-- description: The median reads it whenever a report neither filters nor groups by device or country.
-- test: not_null(date, partner_id, channel, bucket, seconds, conversions)
select
    date,
    partner_id,
    any_value(channel) as channel,
    any_value(tier) as tier,
    bucket,
    any_value(seconds) as seconds,
    sum(conversions)::bigint as conversions
from fct_conversion_lag_daily
group by date, partner_id, bucket

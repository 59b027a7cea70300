-- kind: incremental
-- time_column: date
-- lookback: stg_sales 0
-- grain: date, partner_id, device_type, country, bucket
-- owner: partnerships-analytics
-- description: Click-to-conversion times as a histogram per UTC day of converted_at, partner, device and
-- description: country, so the median needs no sale-level scan. Sales not reversed that have a click only.
-- description: Buckets are log-scaled with relative accuracy a = 0.01 (gamma = 1.01 / 0.99): bucket i > -100000
-- description: holds seconds in (gamma^(i-1), gamma^i], and its value seconds = 2 gamma^i / (gamma + 1) is within
-- description: 1% of every time in it. Bucket -100000 (below every positive time's bucket) holds 0 seconds
-- description: exactly. conversions = the sales in the bucket. Channel and tier as in fct_daily.
-- test: not_null(date, partner_id, channel, device_type, country, bucket, seconds, conversions)
-- test: relationships(partner_id -> stg_partners.partner_id)
-- ClickHouse runs the transpiled text (ln, ceil, pow): the buckets are the same on both engines for every whole
-- second from 1 to 8,000,000 (compared once on chDB), and the parity test compares them exactly. Times are
-- whole seconds in the sample; a fractional time within rounding of a bucket edge could land one bucket apart
-- on the other engine, and either bucket's value is then within 1% of it.
with lags as (
    select converted_date as date, partner_id, device_type, coalesce(country, '') as country,
        case when seconds_to_convert = 0 then -100000
            else ceil(ln(seconds_to_convert) / ln(1.01 / 0.99))::integer end as bucket
    from stg_sales
    where is_counted and seconds_to_convert is not null
)
select
    l.date, l.partner_id, p.channel, p.tier, l.device_type, l.country, l.bucket,
    case when l.bucket = -100000 then 0.0 else 2 * pow(1.01 / 0.99, l.bucket) / (1.01 / 0.99 + 1) end as seconds,
    count(*)::bigint as conversions
from lags as l
join stg_partners as p using (partner_id)
group by l.date, l.partner_id, p.channel, p.tier, l.device_type, l.country, l.bucket

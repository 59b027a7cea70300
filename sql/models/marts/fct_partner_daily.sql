-- kind: incremental
-- time_column: date
-- lookback: fct_daily 0
-- grain: date, partner_id
-- owner: partnerships-analytics
-- description: Partner performance per UTC day (fct_daily added up over devices and countries): clicks on the
-- description: day of the click, sales on the day of the conversion (reversed sales excluded from counted
-- description: figures), partner-level costs spread by day. Program-level costs are not here.
-- test: not_null(date, partner_id)
-- test: relationships(partner_id -> stg_partners.partner_id)
select
    date,
    partner_id,
    any_value(channel) as channel,
    coalesce(sum(gross_clicks), 0)::bigint as gross_clicks,
    coalesce(sum(valid_clicks), 0)::bigint as valid_clicks,
    coalesce(sum(unique_clicks), 0)::bigint as unique_clicks,
    coalesce(sum(invalid_clicks), 0)::bigint as invalid_clicks,
    coalesce(sum(conversions), 0)::bigint as conversions,
    coalesce(sum(revenue), 0) as revenue,
    coalesce(sum(commission), 0) as commission,
    coalesce(sum(network_fees), 0) as network_fees,
    coalesce(sum(other_costs), 0) as other_costs,
    coalesce(sum(gross_conversions), 0)::bigint as gross_conversions,
    coalesce(sum(gross_revenue), 0) as gross_revenue,
    coalesce(sum(reversed_conversions), 0)::bigint as reversed_conversions,
    coalesce(sum(reversed_revenue), 0) as reversed_revenue,
    coalesce(sum(approved_conversions), 0)::bigint as approved_conversions,
    coalesce(sum(approved_revenue), 0) as approved_revenue,
    coalesce(sum(validated_conversions), 0)::bigint as validated_conversions,
    coalesce(sum(new_customer_conversions), 0)::bigint as new_customer_conversions
from fct_daily
where partner_id is not null
group by date, partner_id

-- kind: incremental
-- time_column: date
-- lookback: fct_daily 0
-- grain: date, partner_id, channel
-- owner: partnerships-analytics
-- description: fct_daily added up over devices and countries (about a quarter of its rows). Reports read it
-- description: whenever they neither filter nor group by device or country; the figures are the same.
-- test: not_null(date, channel)
select
    date,
    partner_id,
    channel,
    any_value(tier) as tier,
    sum(gross_clicks)::bigint as gross_clicks,
    sum(valid_clicks)::bigint as valid_clicks,
    sum(unique_clicks)::bigint as unique_clicks,
    sum(invalid_clicks)::bigint as invalid_clicks,
    sum(conversions)::bigint as conversions,
    sum(revenue) as revenue,
    sum(commission) as commission,
    sum(network_fees) as network_fees,
    sum(other_costs) as other_costs,
    sum(gross_conversions)::bigint as gross_conversions,
    sum(gross_revenue) as gross_revenue,
    sum(reversed_conversions)::bigint as reversed_conversions,
    sum(reversed_revenue) as reversed_revenue,
    sum(approved_conversions)::bigint as approved_conversions,
    sum(approved_revenue) as approved_revenue,
    sum(validated_conversions)::bigint as validated_conversions,
    sum(new_customer_conversions)::bigint as new_customer_conversions,
    sum(clickless_coupon_conversions)::bigint as clickless_coupon_conversions
from fct_daily
group by date, partner_id, channel

-- kind: incremental
-- time_column: date
-- lookback: fct_daily 0
-- grain: date
-- owner: partnerships-analytics
-- description: The whole program per UTC day: every row of fct_daily added up, so other_costs includes
-- description: program-level costs (platform and agency fees, costs without a partner).
-- test: not_null(date)
select
    date,
    coalesce(sum(gross_clicks), 0)::bigint as gross_clicks,
    coalesce(sum(valid_clicks), 0)::bigint as valid_clicks,
    coalesce(sum(conversions), 0)::bigint as conversions,
    coalesce(sum(revenue), 0) as revenue,
    coalesce(sum(commission), 0) as commission,
    coalesce(sum(network_fees), 0) as network_fees,
    coalesce(sum(other_costs), 0) as other_costs,
    coalesce(sum(other_costs) filter (where partner_id is null), 0) as program_costs
from fct_daily
group by date

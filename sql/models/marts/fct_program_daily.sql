-- kind: table
-- grain: date
-- owner: partnerships-analytics
-- description: The whole program per UTC day: partner figures added up, plus program-level costs
-- description: (platform and agency fees, costs without a partner) in other_costs.
-- test: not_null(date)
with partners as (
    select date,
        sum(gross_clicks) as gross_clicks,
        sum(valid_clicks) as valid_clicks,
        sum(conversions) as conversions,
        sum(revenue) as revenue,
        sum(commission) as commission,
        sum(network_fees) as network_fees,
        sum(other_costs) as partner_costs
    from fct_partner_daily
    group by all
),
program as (
    select date, sum(amount_base) as program_costs
    from stg_costs_daily
    where partner_id is null
    group by all
)
select
    date,
    coalesce(p.gross_clicks, 0) as gross_clicks,
    coalesce(p.valid_clicks, 0) as valid_clicks,
    coalesce(p.conversions, 0) as conversions,
    coalesce(p.revenue, 0) as revenue,
    coalesce(p.commission, 0) as commission,
    coalesce(p.network_fees, 0) as network_fees,
    coalesce(p.partner_costs, 0) + coalesce(g.program_costs, 0) as other_costs,
    coalesce(g.program_costs, 0) as program_costs
from partners as p
full outer join program as g using (date)

-- The rollup carries the same totals as the fact it adds up, per day and channel.
with a as (
    select date, channel, sum(valid_clicks) as clicks, sum(conversions) as conversions, sum(revenue) as revenue, sum(other_costs) as other_costs
    from fct_daily group by all
),
b as (
    select date, channel, sum(valid_clicks) as clicks, sum(conversions) as conversions, sum(revenue) as revenue, sum(other_costs) as other_costs
    from fct_daily_rollup group by all
)
select *
from a full outer join b using (date, channel)
where a.clicks is distinct from b.clicks
   or a.conversions is distinct from b.conversions
   or abs(coalesce(a.revenue, 0) - coalesce(b.revenue, 0)) >= 0.005
   or abs(coalesce(a.other_costs, 0) - coalesce(b.other_costs, 0)) >= 0.005

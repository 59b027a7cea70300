-- The base fact keeps every valid click, every counted sale and every cost of the exports: nothing is lost
-- or double counted by the joins to partners and FX (to the cent for money).
with fact as (
    select sum(valid_clicks) as valid_clicks, sum(conversions) as conversions, sum(revenue) as revenue, sum(other_costs) as other_costs
    from fct_daily
),
clicks as (select count(*) filter (where not is_invalid) as valid_clicks from src_clicks),
sales as (select count(*) filter (where is_counted) as conversions, sum(sale_amount_base) filter (where is_counted) as revenue from stg_sales),
costs as (select sum(amount_base) as other_costs from stg_costs_daily)
select *
from fact, clicks, sales, costs
where fact.valid_clicks <> clicks.valid_clicks
   or fact.conversions <> sales.conversions
   or abs(fact.revenue - sales.revenue) >= 0.005
   or abs(fact.other_costs - costs.other_costs) >= 0.005

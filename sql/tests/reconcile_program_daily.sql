-- The program mart carries every partner figure and every cost row, to the cent.
with program as (
    select sum(revenue) as revenue, sum(commission) as commission, sum(other_costs) as other_costs, sum(valid_clicks) as valid_clicks
    from fct_program_daily
),
partners as (
    select sum(revenue) as revenue, sum(commission) as commission, sum(valid_clicks) as valid_clicks from fct_partner_daily
),
costs as (
    select sum(amount_base) as other_costs from stg_costs_daily
)
select *
from program, partners, costs
where abs(program.revenue - partners.revenue) >= 0.005
   or abs(program.commission - partners.commission) >= 0.005
   or abs(program.other_costs - costs.other_costs) >= 0.005
   or program.valid_clicks <> partners.valid_clicks

-- Spreading costs over their days neither loses nor invents money: each cost row's days add up to its amount.
select cost_id, sum(amount) as spread, any_value(period_amount) as amount
from (
    select d.cost_id, d.amount, c.amount as period_amount
    from stg_costs_daily as d
    join src_costs as c using (cost_id)
)
group by cost_id
having abs(sum(amount) - any_value(period_amount)) >= 0.005

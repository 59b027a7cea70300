-- Acquisition costs carry exactly the commission and network fees of the customers' first purchases, and a
-- partner's other costs are never over-allocated (a cohort takes at most all of them).
with first_sales as (
    select sum(s.commission_base) as commission, sum(s.network_fee_base) as network_fees
    from dim_customers as c
    join stg_sales as s on s.conversion_id = c.first_conversion_id
),
per_calendar as (
    select cohort_grain, week_start, sum(commission) as commission, sum(network_fees) as network_fees
    from fct_cohort_acquisition_costs
    group by all
)
select 'first purchase costs' as problem, p.cohort_grain, p.week_start
from per_calendar as p, first_sales as f
where abs(p.commission - f.commission) >= 0.005 or abs(p.network_fees - f.network_fees) >= 0.005
union all
select 'other costs over-allocated', cohort_grain, week_start
from fct_cohort_acquisition_costs
where new_customers > partner_orders or other_costs > partner_other_costs + 0.005 or other_costs < 0

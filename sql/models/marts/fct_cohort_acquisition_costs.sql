-- kind: table
-- grain: cohort_grain, week_start, cohort_start, partner_id
-- owner: partnerships-analytics
-- description: What acquiring each customer cohort cost, per acquiring partner (calendars as in
-- description: fct_customer_cohorts: cohort_grain 'month' with week_start NULL, or 'week' per first weekday 0-6).
-- description: new_customers = customers whose first purchase fell in the period through this partner (the
-- description: cohort size). acquisition_cost = commission + network fees of those first purchases + the
-- description: partner's other costs over the days of the period (partner-level cost rows only; program-level
-- description: costs are not allocated) x new_customers / partner_orders, where partner_orders = the partner's
-- description: sales not reversed in the period. Other costs of a period without new customers of the partner
-- description: are not allocated to any cohort.
-- test: not_null(cohort_grain, cohort_start, cohort_end, partner_id, channel, new_customers, partner_orders, acquisition_cost)
-- test: accepted_values(cohort_grain: week, month)
-- test: relationships(partner_id -> stg_partners.partner_id)
with calendars as (
    select 'month' as cohort_grain, null::integer as week_start
    union all
    select 'week' as cohort_grain, unnest(range(7))::integer as week_start
),
first_sales as (
    select c.first_partner_id as partner_id, c.first_purchase_date as date, s.commission_base, s.network_fee_base
    from dim_customers as c
    join stg_sales as s on s.conversion_id = c.first_conversion_id
),
partner_orders as (
    select partner_id, converted_date as date, count(*) as orders
    from stg_sales
    where is_counted and customer_id is not null
    group by all
),
partner_costs as (
    select partner_id, date, sum(amount_base) as other_costs
    from stg_costs_daily
    where partner_id is not null
    group by all
),
new_by_period as (
    select
        k.cohort_grain,
        k.week_start,
        case when k.cohort_grain = 'month' then date_trunc('month', f.date)::date
            else f.date - ((dayofweek(f.date) - k.week_start + 7) % 7)::integer end as cohort_start,
        f.partner_id,
        count(*) as new_customers,
        sum(f.commission_base) as commission,
        sum(f.network_fee_base) as network_fees
    from first_sales as f
    cross join calendars as k
    group by all
),
orders_by_period as (
    select
        k.cohort_grain,
        k.week_start,
        case when k.cohort_grain = 'month' then date_trunc('month', o.date)::date
            else o.date - ((dayofweek(o.date) - k.week_start + 7) % 7)::integer end as cohort_start,
        o.partner_id,
        sum(o.orders) as partner_orders
    from partner_orders as o
    cross join calendars as k
    group by all
),
costs_by_period as (
    select
        k.cohort_grain,
        k.week_start,
        case when k.cohort_grain = 'month' then date_trunc('month', c.date)::date
            else c.date - ((dayofweek(c.date) - k.week_start + 7) % 7)::integer end as cohort_start,
        c.partner_id,
        sum(c.other_costs) as other_costs
    from partner_costs as c
    cross join calendars as k
    group by all
)
select
    n.cohort_grain,
    n.week_start,
    n.cohort_start,
    case when n.cohort_grain = 'month' then (n.cohort_start + interval 1 month - interval 1 day)::date else n.cohort_start + 6 end as cohort_end,
    n.partner_id,
    p.channel,
    p.tier,
    n.new_customers,
    n.commission,
    n.network_fees,
    coalesce(c.other_costs, 0) as partner_other_costs,
    o.partner_orders,
    coalesce(c.other_costs, 0) * n.new_customers / o.partner_orders as other_costs,
    n.commission + n.network_fees + coalesce(c.other_costs, 0) * n.new_customers / o.partner_orders as acquisition_cost
from new_by_period as n
join stg_partners as p using (partner_id)
join orders_by_period as o
    on o.cohort_grain = n.cohort_grain and o.week_start is not distinct from n.week_start and o.cohort_start = n.cohort_start and o.partner_id = n.partner_id
left join costs_by_period as c
    on c.cohort_grain = n.cohort_grain and c.week_start is not distinct from n.week_start and c.cohort_start = n.cohort_start and c.partner_id = n.partner_id

-- ClickHouse version of fct_cohort_acquisition_costs.sql (same rows and columns). By hand for the same
-- calendar arithmetic as fct_customer_cohorts.clickhouse.sql; `is not distinct from` becomes a match on
-- coalesce(week_start, -1) (week_start is NULL exactly on the month calendar).
with calendars as (
    select 'month' as cohort_grain, CAST(NULL, 'Nullable(Int32)') as week_start
    union all
    select 'week' as cohort_grain, CAST(toInt32(number), 'Nullable(Int32)') as week_start from numbers(7)
),
first_sales as (
    select c.first_partner_id as partner_id, c.first_purchase_date as date, s.commission_base as commission_base, s.network_fee_base as network_fee_base
    from dim_customers as c
    join stg_sales as s on s.conversion_id = c.first_conversion_id
),
partner_orders as (
    select partner_id, converted_date as date, count() as orders
    from stg_sales
    where is_counted and customer_id is not null
    group by partner_id, date
),
partner_costs as (
    select partner_id, date, sum(amount_base) as other_costs
    from stg_costs_daily
    where partner_id is not null
    group by partner_id, date
),
new_by_period as (
    select
        k.cohort_grain as cohort_grain,
        k.week_start as week_start,
        if(k.cohort_grain = 'month', toStartOfMonth(f.date), f.date - toInt32((toDayOfWeek(f.date) % 7 - k.week_start + 7) % 7)) as cohort_start,
        f.partner_id as partner_id,
        count() as new_customers,
        sum(f.commission_base) as commission,
        sum(f.network_fee_base) as network_fees
    from first_sales as f
    cross join calendars as k
    group by cohort_grain, week_start, cohort_start, partner_id
),
orders_by_period as (
    select
        k.cohort_grain as cohort_grain,
        k.week_start as week_start,
        if(k.cohort_grain = 'month', toStartOfMonth(o.date), o.date - toInt32((toDayOfWeek(o.date) % 7 - k.week_start + 7) % 7)) as cohort_start,
        o.partner_id as partner_id,
        sum(o.orders) as partner_orders
    from partner_orders as o
    cross join calendars as k
    group by cohort_grain, week_start, cohort_start, partner_id
),
costs_by_period as (
    select
        k.cohort_grain as cohort_grain,
        k.week_start as week_start,
        if(k.cohort_grain = 'month', toStartOfMonth(c.date), c.date - toInt32((toDayOfWeek(c.date) % 7 - k.week_start + 7) % 7)) as cohort_start,
        c.partner_id as partner_id,
        sum(c.other_costs) as other_costs
    from partner_costs as c
    cross join calendars as k
    group by cohort_grain, week_start, cohort_start, partner_id
)
select
    n.cohort_grain as cohort_grain,
    n.week_start as week_start,
    n.cohort_start as cohort_start,
    if(n.cohort_grain = 'month', toLastDayOfMonth(n.cohort_start), n.cohort_start + 6) as cohort_end,
    n.partner_id as partner_id,
    p.channel as channel,
    p.tier as tier,
    n.new_customers as new_customers,
    n.commission as commission,
    n.network_fees as network_fees,
    coalesce(c.other_costs, 0) as partner_other_costs,
    o.partner_orders as partner_orders,
    coalesce(c.other_costs, 0) * n.new_customers / o.partner_orders as other_costs,
    n.commission + n.network_fees + coalesce(c.other_costs, 0) * n.new_customers / o.partner_orders as acquisition_cost
from new_by_period as n
join stg_partners as p on p.partner_id = n.partner_id
join orders_by_period as o
    on o.cohort_grain = n.cohort_grain and coalesce(o.week_start, -1) = coalesce(n.week_start, -1) and o.cohort_start = n.cohort_start and o.partner_id = n.partner_id
left join costs_by_period as c
    on c.cohort_grain = n.cohort_grain and coalesce(c.week_start, -1) = coalesce(n.week_start, -1) and c.cohort_start = n.cohort_start and c.partner_id = n.partner_id

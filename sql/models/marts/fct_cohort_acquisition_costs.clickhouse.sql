-- ClickHouse version of fct_cohort_acquisition_costs.sql (same rows and columns). By hand for the same
-- calendar arithmetic as fct_customer_cohorts.clickhouse.sql; `is not distinct from` becomes a match on
-- coalesce(week_start, -1) (week_start is NULL exactly on the month calendar).
with calendars as (
    select 'month' as cohort_grain, CAST(NULL, 'Nullable(Int32)') as week_start
    union all
    select 'week' as cohort_grain, CAST(toInt32(number), 'Nullable(Int32)') as week_start from numbers(7)
),
daily_costs as (
    select date, partner_id,
        coalesce(sum(commission), 0) as commission,
        coalesce(sum(network_fees), 0) as network_fees,
        coalesce(sum(other_costs), 0) as other_costs
    from fct_daily
    group by date, partner_id
),
first_purchases as (
    select first_partner_id as partner_id, first_purchase_date as date
    from dim_customers
),
costs_by_period as (
    select
        k.cohort_grain as cohort_grain,
        k.week_start as week_start,
        if(k.cohort_grain = 'month', toStartOfMonth(d.date), d.date - toInt32((toDayOfWeek(d.date) % 7 - k.week_start + 7) % 7)) as cohort_start,
        d.partner_id as partner_id,
        sum(d.commission) as commission,
        sum(d.network_fees) as network_fees,
        sum(d.other_costs) as other_costs
    from daily_costs as d
    cross join calendars as k
    group by cohort_grain, week_start, cohort_start, partner_id
),
new_by_period as (
    select
        k.cohort_grain as cohort_grain,
        k.week_start as week_start,
        if(k.cohort_grain = 'month', toStartOfMonth(f.date), f.date - toInt32((toDayOfWeek(f.date) % 7 - k.week_start + 7) % 7)) as cohort_start,
        f.partner_id as partner_id,
        count() as new_customers
    from first_purchases as f
    cross join calendars as k
    group by cohort_grain, week_start, cohort_start, partner_id
),
pools as (
    select c.cohort_grain as cohort_grain, c.week_start as week_start, c.cohort_start as cohort_start, sum(c.commission + c.network_fees + c.other_costs) as pooled_cost
    from costs_by_period as c
    left join new_by_period as n
        on n.cohort_grain = c.cohort_grain and coalesce(n.week_start, -1) = coalesce(c.week_start, -1)
        and n.cohort_start = c.cohort_start and n.partner_id = c.partner_id
    where n.partner_id is null
    group by cohort_grain, week_start, cohort_start
),
period_new as (
    select cohort_grain, week_start, cohort_start, sum(new_customers) as period_new_customers
    from new_by_period
    group by cohort_grain, week_start, cohort_start
),
allocated as (
    select
        n.cohort_grain as cohort_grain,
        n.week_start as week_start,
        n.cohort_start as cohort_start,
        n.partner_id as partner_id,
        n.new_customers as new_customers,
        coalesce(c.commission, 0) as commission,
        coalesce(c.network_fees, 0) as network_fees,
        coalesce(c.other_costs, 0) as other_costs,
        coalesce(pl.pooled_cost, 0) * n.new_customers / t.period_new_customers as shared_cost
    from new_by_period as n
    join period_new as t
        on t.cohort_grain = n.cohort_grain and coalesce(t.week_start, -1) = coalesce(n.week_start, -1) and t.cohort_start = n.cohort_start
    left join costs_by_period as c
        on c.cohort_grain = n.cohort_grain and coalesce(c.week_start, -1) = coalesce(n.week_start, -1)
        and c.cohort_start = n.cohort_start and c.partner_id = n.partner_id
    left join pools as pl
        on pl.cohort_grain = n.cohort_grain and coalesce(pl.week_start, -1) = coalesce(n.week_start, -1) and pl.cohort_start = n.cohort_start
)
select
    a.cohort_grain as cohort_grain,
    a.week_start as week_start,
    a.cohort_start as cohort_start,
    if(a.cohort_grain = 'month', toLastDayOfMonth(a.cohort_start), a.cohort_start + 6) as cohort_end,
    a.partner_id as partner_id,
    p.channel as channel,
    p.tier as tier,
    a.new_customers as new_customers,
    a.commission as commission,
    a.network_fees as network_fees,
    a.other_costs as other_costs,
    a.commission + a.network_fees + a.other_costs as partner_cost,
    a.shared_cost as shared_cost,
    a.commission + a.network_fees + a.other_costs + a.shared_cost as acquisition_cost
from allocated as a
join stg_partners as p on p.partner_id = a.partner_id

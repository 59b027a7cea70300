-- ClickHouse version of fct_customer_cohorts.sql (same rows and columns). By hand: DuckDB's dayofweek counts
-- from Sunday = 0 (ClickHouse's toDayOfWeek from Monday = 1), and `//`, unnest(range(7)) have no transpilation.
with calendars as (
    select 'month' as cohort_grain, CAST(NULL, 'Nullable(Int32)') as week_start
    union all
    select 'week' as cohort_grain, CAST(toInt32(number), 'Nullable(Int32)') as week_start from numbers(7)
),
purchases as (
    select
        c.customer_id as customer_id,
        c.first_partner_id as partner_id,
        c.first_channel as channel,
        c.first_tier as tier,
        c.first_purchase_date as first_purchase_date,
        s.converted_date as converted_date,
        s.sale_amount_base as sale_amount_base
    from dim_customers as c
    join stg_sales as s on s.customer_id = c.customer_id
    where s.is_counted
),
bucketed as (
    select
        k.cohort_grain as cohort_grain,
        k.week_start as week_start,
        p.customer_id as customer_id,
        p.partner_id as partner_id,
        p.channel as channel,
        p.tier as tier,
        p.sale_amount_base as sale_amount_base,
        if(k.cohort_grain = 'month', toStartOfMonth(p.first_purchase_date),
            p.first_purchase_date - toInt32((toDayOfWeek(p.first_purchase_date) % 7 - k.week_start + 7) % 7)) as cohort_start,
        if(k.cohort_grain = 'month', toStartOfMonth(p.converted_date),
            p.converted_date - toInt32((toDayOfWeek(p.converted_date) % 7 - k.week_start + 7) % 7)) as purchase_period
    from purchases as p
    cross join calendars as k
)
select
    cohort_grain,
    week_start,
    cohort_start,
    partner_id,
    any(channel) as channel,
    any(tier) as tier,
    if(cohort_grain = 'month', dateDiff('month', cohort_start, purchase_period), intDiv(purchase_period - cohort_start, 7)) as period_offset,
    uniqExact(customer_id) as customers,
    count() as orders,
    sum(sale_amount_base) as revenue
from bucketed
group by cohort_grain, week_start, cohort_start, partner_id, period_offset

-- kind: table
-- grain: cohort_grain, week_start, cohort_start, partner_id, period_offset
-- owner: partnerships-analytics
-- description: Customer cohorts: customers by the period of their first purchase (dim_customers) and their
-- description: acquiring partner, with what they bought in each later period. cohort_grain 'month' (week_start
-- description: NULL) or 'week' once per possible first weekday (week_start 0 = Sunday ... 6 = Saturday), so the
-- description: configured week start needs no rebuild. period_offset k = whole periods from the cohort's
-- description: period to the purchase's (k = 0: the first period). customers = distinct customers of the cohort
-- description: with a sale not reversed in period k; orders and revenue (base currency) = their sales not
-- description: reversed in period k. Periods on UTC days of converted_at.
-- test: not_null(cohort_grain, cohort_start, partner_id, channel, period_offset, customers, orders, revenue)
-- test: accepted_values(cohort_grain: week, month)
-- test: relationships(partner_id -> stg_partners.partner_id)
with calendars as (
    select 'month' as cohort_grain, null::integer as week_start
    union all
    select 'week' as cohort_grain, unnest(range(7))::integer as week_start
),
purchases as (
    select
        c.customer_id,
        c.first_partner_id as partner_id,
        c.first_channel as channel,
        c.first_tier as tier,
        c.first_purchase_date,
        s.converted_date,
        s.sale_amount_base
    from dim_customers as c
    join stg_sales as s using (customer_id)
    where s.is_counted
),
bucketed as (
    select
        k.cohort_grain,
        k.week_start,
        p.customer_id,
        p.partner_id,
        p.channel,
        p.tier,
        p.sale_amount_base,
        case when k.cohort_grain = 'month' then date_trunc('month', p.first_purchase_date)::date
            else p.first_purchase_date - ((dayofweek(p.first_purchase_date) - k.week_start + 7) % 7)::integer end as cohort_start,
        case when k.cohort_grain = 'month' then date_trunc('month', p.converted_date)::date
            else p.converted_date - ((dayofweek(p.converted_date) - k.week_start + 7) % 7)::integer end as purchase_period
    from purchases as p
    cross join calendars as k
),
-- Distinct customer-periods first: a plain grouping that spills, where count(DISTINCT) over every purchase
-- held all of them in memory at once.
customer_periods as (
    select
        cohort_grain,
        week_start,
        customer_id,
        cohort_start,
        purchase_period,
        any_value(partner_id) as partner_id,
        any_value(channel) as channel,
        any_value(tier) as tier,
        count(*) as orders,
        sum(sale_amount_base) as revenue
    from bucketed
    group by cohort_grain, week_start, customer_id, cohort_start, purchase_period
)
select
    cohort_grain,
    week_start,
    cohort_start,
    partner_id,
    any_value(channel) as channel,
    any_value(tier) as tier,
    case when cohort_grain = 'month' then datediff('month', cohort_start, purchase_period)
        else (purchase_period - cohort_start) // 7 end as period_offset,
    count(*) as customers,
    sum(orders)::bigint as orders,
    sum(revenue) as revenue
from customer_periods
group by cohort_grain, week_start, cohort_start, partner_id, period_offset

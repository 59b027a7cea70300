-- Every customer with a sale not reversed sits in exactly one cohort per calendar (month, and weeks on each
-- first weekday): cohort sizes add up to the distinct customers, and the cohorts' orders and revenue add up
-- to the staged sales not reversed (revenue to the cent).
with customers as (
    select count(*) as customers from dim_customers
),
staged as (
    select count(distinct customer_id) as customers, count(*) as orders, sum(sale_amount_base) as revenue
    from stg_sales
    where is_counted and customer_id is not null
),
cohorts as (
    select cohort_grain, week_start,
        sum(customers) filter (where period_offset = 0) as customers,
        sum(orders) as orders,
        sum(revenue) as revenue
    from fct_customer_cohorts
    group by all
),
acquisition as (
    select cohort_grain, week_start, sum(new_customers) as customers
    from fct_cohort_acquisition_costs
    group by all
)
select c.cohort_grain, c.week_start, c.customers, a.customers as acquired, c.orders, c.revenue, s.customers as staged_customers, s.orders as staged_orders, s.revenue as staged_revenue
from cohorts as c
join acquisition as a on a.cohort_grain = c.cohort_grain and a.week_start is not distinct from c.week_start
cross join staged as s
cross join customers as d
where c.customers <> d.customers
   or c.customers <> s.customers
   or a.customers <> d.customers
   or c.orders <> s.orders
   or abs(c.revenue - s.revenue) >= 0.005
   or (select count(*) from cohorts) <> 8

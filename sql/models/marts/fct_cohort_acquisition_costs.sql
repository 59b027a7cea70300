-- kind: table
-- grain: cohort_grain, week_start, cohort_start, partner_id
-- owner: partnerships-analytics
-- description: What acquiring each customer cohort cost, per acquiring partner, fully loaded (calendars as in
-- description: fct_customer_cohorts: cohort_grain 'month' with week_start NULL, or 'week' per first weekday 0-6).
-- description: new_customers = customers whose first purchase fell in the period through this partner (the
-- description: cohort size). Every cost of the period goes to the period's new customers, so the cohorts of a
-- description: period together cost what the program cost (the ROI report's total cost over those days):
-- description: partner_cost = the partner's commission and network fees on its sales not reversed in the period +
-- description: its other costs (partner-level rows) over the days of the period; shared_cost = this partner's
-- description: share (new_customers / the period's new customers) of the program-level costs and of the
-- description: partner_cost of partners without new customers in the period. acquisition_cost = partner_cost +
-- description: shared_cost. Counting only the first purchase's commission made payback 0 everywhere: its
-- description: margin always exceeds its own commission.
-- test: not_null(cohort_grain, cohort_start, cohort_end, partner_id, channel, new_customers, commission, network_fees, other_costs, shared_cost, acquisition_cost)
-- test: accepted_values(cohort_grain: week, month)
-- test: relationships(partner_id -> stg_partners.partner_id)
with calendars as (
    select 'month' as cohort_grain, null::integer as week_start
    union all
    select 'week' as cohort_grain, unnest(range(7))::integer as week_start
),
daily_costs as (
    -- every cost of a day, per partner (NULL = program level), as fct_daily carries it
    select date, partner_id,
        coalesce(sum(commission), 0) as commission,
        coalesce(sum(network_fees), 0) as network_fees,
        coalesce(sum(other_costs), 0) as other_costs
    from fct_daily
    group by all
),
first_purchases as (
    select first_partner_id as partner_id, first_purchase_date as date
    from dim_customers
),
costs_by_period as (
    select
        k.cohort_grain,
        k.week_start,
        case when k.cohort_grain = 'month' then date_trunc('month', d.date)::date
            else d.date - ((dayofweek(d.date) - k.week_start + 7) % 7)::integer end as cohort_start,
        d.partner_id,
        sum(d.commission) as commission,
        sum(d.network_fees) as network_fees,
        sum(d.other_costs) as other_costs
    from daily_costs as d
    cross join calendars as k
    group by all
),
new_by_period as (
    select
        k.cohort_grain,
        k.week_start,
        case when k.cohort_grain = 'month' then date_trunc('month', f.date)::date
            else f.date - ((dayofweek(f.date) - k.week_start + 7) % 7)::integer end as cohort_start,
        f.partner_id,
        count(*) as new_customers
    from first_purchases as f
    cross join calendars as k
    group by all
),
pools as (
    -- what no cohort of its own carries: program-level costs and partners without new customers in the period
    select c.cohort_grain, c.week_start, c.cohort_start, sum(c.commission + c.network_fees + c.other_costs) as pooled_cost
    from costs_by_period as c
    left join new_by_period as n
        on n.cohort_grain = c.cohort_grain and n.week_start is not distinct from c.week_start
        and n.cohort_start = c.cohort_start and n.partner_id = c.partner_id
    where n.partner_id is null
    group by all
),
period_new as (
    select cohort_grain, week_start, cohort_start, sum(new_customers) as period_new_customers
    from new_by_period
    group by all
),
allocated as (
    select
        n.cohort_grain,
        n.week_start,
        n.cohort_start,
        n.partner_id,
        n.new_customers,
        coalesce(c.commission, 0) as commission,
        coalesce(c.network_fees, 0) as network_fees,
        coalesce(c.other_costs, 0) as other_costs,
        coalesce(pl.pooled_cost, 0) * n.new_customers / t.period_new_customers as shared_cost
    from new_by_period as n
    join period_new as t
        on t.cohort_grain = n.cohort_grain and t.week_start is not distinct from n.week_start and t.cohort_start = n.cohort_start
    left join costs_by_period as c
        on c.cohort_grain = n.cohort_grain and c.week_start is not distinct from n.week_start
        and c.cohort_start = n.cohort_start and c.partner_id = n.partner_id
    left join pools as pl
        on pl.cohort_grain = n.cohort_grain and pl.week_start is not distinct from n.week_start and pl.cohort_start = n.cohort_start
)
select
    a.cohort_grain,
    a.week_start,
    a.cohort_start,
    case when a.cohort_grain = 'month' then (a.cohort_start + interval 1 month - interval 1 day)::date else a.cohort_start + 6 end as cohort_end,
    a.partner_id,
    p.channel,
    p.tier,
    a.new_customers,
    a.commission,
    a.network_fees,
    a.other_costs,
    a.commission + a.network_fees + a.other_costs as partner_cost,
    a.shared_cost,
    a.commission + a.network_fees + a.other_costs + a.shared_cost as acquisition_cost
from allocated as a
join stg_partners as p using (partner_id)

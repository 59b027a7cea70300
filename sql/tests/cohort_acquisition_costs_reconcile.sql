-- Acquisition costs are fully loaded: the cohorts of a period together cost exactly what the program cost over
-- its days (commission, network fees and other costs, program-level ones included), in every calendar, and no
-- allocation is negative.
with calendars as (
    select distinct cohort_grain, week_start from fct_cohort_acquisition_costs
),
program_by_period as (
    select k.cohort_grain, k.week_start,
        case when k.cohort_grain = 'month' then date_trunc('month', d.date)::date
            else d.date - ((dayofweek(d.date) - k.week_start + 7) % 7)::integer end as cohort_start,
        sum(d.commission + d.network_fees + d.other_costs) as cost
    from fct_program_daily as d
    cross join calendars as k
    group by all
),
cohorts_by_period as (
    select cohort_grain, week_start, cohort_start, sum(acquisition_cost) as cost
    from fct_cohort_acquisition_costs
    group by all
)
select 'cohorts do not add up to the program cost' as problem, c.cohort_grain, c.week_start
from cohorts_by_period as c
join program_by_period as p using (cohort_grain, week_start, cohort_start)
where p.cost is distinct from c.cost and abs(p.cost - c.cost) >= 0.005
union all
select 'negative allocation', cohort_grain, week_start
from fct_cohort_acquisition_costs
where shared_cost < 0 or acquisition_cost < 0

-- Partner cohorts keep every sale on or after the partner joined: revenue by months since joining adds up to
-- the partner mart's revenue from joined_at on, to the cent; and no month offset is negative.
with cohorts as (
    select coalesce(sum(revenue), 0) as revenue, coalesce(sum(conversions), 0) as conversions, min(months_since_join) as first_offset
    from fct_partner_cohort_revenue
),
mart as (
    select coalesce(sum(d.revenue), 0) as revenue, coalesce(sum(d.conversions), 0) as conversions
    from fct_partner_daily as d
    join stg_partners as p using (partner_id)
    where d.date >= p.joined_at
)
select *
from cohorts, mart
where abs(cohorts.revenue - mart.revenue) >= 0.005
   or cohorts.conversions <> mart.conversions
   or cohorts.first_offset < 0
